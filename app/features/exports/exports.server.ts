import { sql, type Kysely } from "kysely";
import type { DB, Localised, QuestionKind, QuestionOption } from "~/db/schema";
import { recordAudit } from "~/features/organisers/audit.server";
import { requirePermission, type BackOfficeAccess } from "~/features/organisers/organisers.server";
import { answerText } from "~/features/registration/confirmation";
import type { RegistrationFilter } from "~/features/segments/filter";
import { filterMatching, savedSegment, savedSegments } from "~/features/segments/segments.server";
import { locales, type Language } from "~/i18n/languages";
import { translate, type MessageKey } from "~/i18n/translate";
import { AppError } from "~/lib/errors";
import { localisedString } from "~/lib/localised";
import { fixedColumns, type ExportColumn, type ExportRequest, type ExportTable, type FixedColumn, type WorkshopFormat } from "./exports";

/** A column the form offers: its key and its header in the page's language. */
export interface ColumnChoice {
  key: ExportColumn;
  label: string;
}

interface Question {
  id: number;
  kind: QuestionKind;
  label: Localised;
  options: QuestionOption[];
}

const questionsOf = (db: Kysely<DB>, access: BackOfficeAccess): Promise<Question[]> =>
  db
    .selectFrom("registration_question")
    .select(["id", "kind", "label", "options"])
    .where("edition_id", "=", access.editionId)
    .orderBy("position")
    .orderBy("id")
    .execute();

const columnHeader = (column: FixedColumn, language: Language) => translate(language, `exports.column.${column}` as MessageKey);

/** The columns an export of the proof's edition may hold: the fixed ones, then one per question (removed ones too). */
export async function exportColumns(db: Kysely<DB>, access: BackOfficeAccess, language: Language): Promise<ColumnChoice[]> {
  requirePermission(access, "registrations");
  const questions = await questionsOf(db, access);
  return [
    ...fixedColumns.map((key) => ({ key, label: columnHeader(key, language) })),
    ...questions.map((question) => ({ key: `answer:${question.id}` as const, label: localisedString(question.label, language) })),
  ];
}

const capitalised = (text: string, language: Language) => text.charAt(0).toLocaleUpperCase(locales[language]) + text.slice(1);

/** Instants as the edition's local date and time, `2026-07-09 14:30`: sortable, and read alike in both languages. */
function localDateTimes(timeZone: string): (instant: Date | null) => string {
  const format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  return (instant) => {
    if (!instant) return "";
    const parts = Object.fromEntries(format.formatToParts(instant).map((part) => [part.type, part.value]));
    return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
  };
}

/**
 * The registrations of the proof's edition matching the request's filter (a saved segment or the
 * table's), with the columns asked, headers in `language`: one query for the rows. The export is
 * recorded in the audit log with its filter and its row count.
 */
export async function registrationsExport(
  db: Kysely<DB>,
  access: BackOfficeAccess,
  request: ExportRequest & { language: Language; now: Date },
): Promise<ExportTable> {
  requirePermission(access, "registrations");
  const { language } = request;
  // A segment chosen by its id must exist in this edition.
  const segment = request.segmentId === null ? null : await savedSegment(db, access, request.segmentId);
  const [matching, questions, edition] = await Promise.all([
    filterMatching(db, access, request.filter),
    questionsOf(db, access),
    db.selectFrom("edition").select("time_zone").where("id", "=", access.editionId).executeTakeFirstOrThrow(),
  ]);
  const questionById = new Map(questions.map((question) => [question.id, question]));
  const columns = request.columns.filter((column) => !column.startsWith("answer:") || questionById.has(Number(column.slice(7))));
  // Each registration's workshops, answers and led delegation are read through indexes on their
  // registration or person (migration 0020): the plan stays linear whatever the statistics say.
  const rows = await db
    .selectFrom("registration")
    .where(matching)
    .innerJoin("person", "person.id", "registration.person_id")
    .leftJoin("delegation as joined", "joined.id", "registration.delegation_id")
    .select((eb) => [
      "registration.reference",
      "registration.family_name",
      "registration.given_name",
      "registration.email",
      "registration.phone",
      "registration.job_title",
      "registration.organisation_name",
      "registration.organisation_type",
      "registration.country_code",
      "registration.city",
      "registration.category",
      "registration.status",
      "person.language",
      // As text: node-postgres reads a date[] as Dates at midnight UTC, PGlite as texts.
      sql<string[]>`registration.days::text[]`.as("days"),
      "registration.created_at",
      "registration.confirmed_at",
      "registration.checked_in_at",
      "joined.organisation_name as joined_delegation",
      eb
        .selectFrom("delegation")
        .whereRef("delegation.lead_person_id", "=", "registration.person_id")
        .where("delegation.edition_id", "=", access.editionId)
        .select("delegation.organisation_name")
        .orderBy("delegation.id")
        .limit(1)
        .as("led_delegation"),
      eb
        .selectFrom("session_signup")
        .innerJoin("session", "session.id", "session_signup.session_id")
        .whereRef("session_signup.registration_id", "=", "registration.id")
        .where("session_signup.status", "=", "confirmed")
        .where("session.edition_id", "=", access.editionId)
        .select(sql<Localised[]>`json_agg(session.title order by session.starts_at, session.id)`.as("titles"))
        .as("workshops"),
      eb
        .selectFrom("registration_answer")
        .whereRef("registration_answer.registration_id", "=", "registration.id")
        .select(sql<Record<string, unknown>>`jsonb_object_agg(registration_answer.question_id, registration_answer.value)`.as("values"))
        .as("answers"),
    ])
    .orderBy(sql`lower(registration.family_name)`)
    .orderBy(sql`lower(registration.given_name)`)
    .orderBy("registration.id")
    .execute();

  // Formatters and labels made once for all the rows: making one per cell costs more than the query.
  const languageNames = new Intl.DisplayNames([locales[language]], { type: "language" });
  const countryNames = new Intl.DisplayNames([locales[language]], { type: "region" });
  const localDateTime = localDateTimes(edition.time_zone);
  const labels = new Map<string, string>();
  const label = (key: MessageKey) => labels.get(key) ?? labels.set(key, translate(language, key)).get(key)!;
  const cell = (row: (typeof rows)[number], column: ExportColumn): string => {
    switch (column) {
      case "reference":
      case "family_name":
      case "given_name":
      case "email":
      case "phone":
      case "job_title":
      case "organisation_name":
      case "city":
        return row[column];
      case "organisation_type":
        return label(`registration.organisation.${row.organisation_type}`);
      case "country":
        return countryNames.of(row.country_code.trim()) ?? row.country_code;
      case "category":
        return label(`registration.category.${row.category}`);
      case "status":
        // The catalogue's status is written to follow a word ("confirmée"); a cell starts with a capital.
        return capitalised(label(`registration.status.${row.status}`), language);
      case "language":
        return languageNames.of(row.language) ?? row.language;
      case "days":
        return row.days.join(", ");
      case "delegation":
        if (row.led_delegation) return translate(language, "exports.delegationLead", { delegation: row.led_delegation });
        return row.joined_delegation ?? "";
      case "workshops":
        return (row.workshops ?? []).map((title) => localisedString(title, language)).join("; ");
      case "registered_at":
        return localDateTime(row.created_at);
      case "confirmed_at":
        return localDateTime(row.confirmed_at);
      case "checked_in_at":
        return localDateTime(row.checked_in_at);
      default: {
        const question = questionById.get(Number(column.slice(7)))!;
        const value = row.answers?.[question.id];
        if (value === undefined || value === null) return "";
        return answerText({ label: question.label, kind: question.kind, options: question.options, value }, language);
      }
    }
  };
  const table: ExportTable = {
    headers: columns.map((column) => (column.startsWith("answer:") ? localisedString(questionById.get(Number(column.slice(7)))!.label, language) : columnHeader(column as FixedColumn, language))),
    rows: rows.map((row) => columns.map((column) => cell(row, column))),
  };
  await recordAudit(
    db,
    access,
    {
      action: "export.registrations",
      subjectType: segment ? "segment" : "registration",
      subjectId: segment?.id ?? null,
      after: { filter: request.filter, segment: segment?.name ?? null, columns, format: request.format, rows: table.rows.length },
    },
    request.now,
  );
  return table;
}

// --- Workshops ----------------------------------------------------------------------------------

export interface WorkshopSummary {
  id: number;
  title: Localised;
  startsAt: Date;
  endsAt: Date;
  room: Localised | null;
  confirmed: number;
}

/** The sessions of the proof's edition that need a sign-up, in the order of the programme, with their confirmed seats. */
export async function exportableWorkshops(db: Kysely<DB>, access: BackOfficeAccess): Promise<WorkshopSummary[]> {
  requirePermission(access, "registrations");
  const rows = await db
    .selectFrom("session")
    .leftJoin("room", "room.id", "session.room_id")
    .where("session.edition_id", "=", access.editionId)
    .where("session.requires_signup", "=", true)
    .select((eb) => [
      "session.id",
      "session.title",
      "session.starts_at",
      "session.ends_at",
      "room.name as room",
      eb
        .selectFrom("session_signup")
        .innerJoin("registration", "registration.id", "session_signup.registration_id")
        .whereRef("session_signup.session_id", "=", "session.id")
        .where("session_signup.status", "=", "confirmed")
        .where("registration.status", "=", "confirmed")
        .where("registration.anonymised_at", "is", null)
        .select((inner) => inner.fn.countAll<string>().as("count"))
        .as("confirmed"),
    ])
    .orderBy("session.starts_at")
    .orderBy("session.position")
    .orderBy("session.id")
    .execute();
  return rows.map((row) => ({ id: row.id, title: row.title, startsAt: row.starts_at, endsAt: row.ends_at, room: row.room, confirmed: Number(row.confirmed ?? 0) }));
}

/** What an attendance sheet (feuille d'émargement) of a workshop shows, in one language. */
export interface AttendanceSheet {
  language: Language;
  year: number;
  edition: string;
  session: string;
  /** Its day, start and end, in the edition's time zone, as words. */
  when: string;
  room: string | null;
  people: { familyName: string; givenName: string; organisation: string }[];
}

/**
 * The people holding a confirmed seat in a workshop of the proof's edition (a session of another
 * edition, or not needing a sign-up, is not found), alphabetically; recorded in the audit log.
 */
export async function workshopAttendance(
  db: Kysely<DB>,
  access: BackOfficeAccess,
  request: { sessionId: number; format: WorkshopFormat; language: Language; now: Date },
): Promise<AttendanceSheet> {
  requirePermission(access, "registrations");
  const { language } = request;
  const session = await db
    .selectFrom("session")
    .innerJoin("edition", "edition.id", "session.edition_id")
    .leftJoin("room", "room.id", "session.room_id")
    .where("session.edition_id", "=", access.editionId)
    .where("session.id", "=", request.sessionId)
    .where("session.requires_signup", "=", true)
    .select(["session.title", "session.starts_at", "session.ends_at", "room.name as room", "edition.title as edition_title", "edition.year", "edition.time_zone"])
    .executeTakeFirst();
  if (!session) throw new AppError("session_not_found");
  const people = await db
    .selectFrom("session_signup")
    .innerJoin("registration", "registration.id", "session_signup.registration_id")
    .where("session_signup.session_id", "=", request.sessionId)
    .where("session_signup.status", "=", "confirmed")
    .where("registration.edition_id", "=", access.editionId)
    .where("registration.status", "=", "confirmed")
    .where("registration.anonymised_at", "is", null)
    .select(["registration.family_name", "registration.given_name", "registration.organisation_name"])
    .orderBy(sql`lower(registration.family_name)`)
    .orderBy(sql`lower(registration.given_name)`)
    .orderBy("registration.id")
    .execute();
  const locale = locales[language];
  const day = new Intl.DateTimeFormat(locale, { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: session.time_zone }).format(session.starts_at);
  const time = new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit", timeZone: session.time_zone });
  const sheet: AttendanceSheet = {
    language,
    year: session.year,
    edition: `${localisedString(session.edition_title, language)} ${session.year}`,
    session: localisedString(session.title, language),
    when: translate(language, "exports.sheet.when", { day, start: time.format(session.starts_at), end: time.format(session.ends_at) }),
    room: session.room ? localisedString(session.room, language) : null,
    people: people.map((row) => ({ familyName: row.family_name, givenName: row.given_name, organisation: row.organisation_name })),
  };
  await recordAudit(
    db,
    access,
    { action: "export.workshop", subjectType: "session", subjectId: request.sessionId, after: { format: request.format, rows: sheet.people.length } },
    request.now,
  );
  return sheet;
}

/** The attendance sheet as a table for a spreadsheet: names, organisation, and an empty signature column. */
export function attendanceTable(sheet: AttendanceSheet): ExportTable {
  const t = (key: MessageKey) => translate(sheet.language, key);
  return {
    headers: [t("exports.column.family_name"), t("exports.column.given_name"), t("exports.column.organisation_name"), t("exports.sheet.signature")],
    rows: sheet.people.map((person) => [person.familyName, person.givenName, person.organisation, ""]),
  };
}

// --- The exports page ---------------------------------------------------------------------------

export interface ExportsPage {
  /** Registrations matching the filter the page was opened with (every one without a filter). */
  matching: number;
  segments: { id: number; name: string }[];
  columns: ColumnChoice[];
  workshops: WorkshopSummary[];
}

/** What the exports page offers: the count of the table's filter, the saved segments, the columns, the workshops. */
export async function exportsPage(db: Kysely<DB>, access: BackOfficeAccess, filter: RegistrationFilter, language: Language): Promise<ExportsPage> {
  requirePermission(access, "registrations");
  const matching = await filterMatching(db, access, filter);
  const [count, segments, columns, workshops] = await Promise.all([
    db
      .selectFrom("registration")
      .where(matching)
      .select((eb) => eb.fn.countAll<string>().as("count"))
      .executeTakeFirstOrThrow(),
    savedSegments(db, access),
    exportColumns(db, access, language),
    exportableWorkshops(db, access),
  ]);
  return { matching: Number(count.count), segments: segments.map(({ id, name }) => ({ id, name })), columns, workshops };
}
