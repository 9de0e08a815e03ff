import { runPeriodically } from "~/lib/periodic.server";
import type { Kysely } from "kysely";
import type { DB, Localised, MessageStatus } from "~/db/schema";
import { getEdition } from "~/features/editions/editions.server";
import { composeMail } from "~/features/mail/compose";
import { enqueueMail } from "~/features/mail/outbox.server";
import { recordAudit } from "~/features/organisers/audit.server";
import { requirePermission, type BackOfficeAccess } from "~/features/organisers/organisers.server";
import { listSessions, type Session } from "~/features/programme/programme.server";
import { agendaOf } from "~/features/registration/agenda";
import { agendaLine } from "~/features/registration/mails.server";
import { emptyFilter, registrationFilterSchema, type RegistrationFilter } from "~/features/segments/filter";
import { editionFilterMatching, filterMatching } from "~/features/segments/segments.server";
import { languages, type Language } from "~/i18n/languages";
import { translate } from "~/i18n/translate";
import { AppError } from "~/lib/errors";
import { localisedString } from "~/lib/localised";
import { paths } from "~/lib/paths";
import {
  bodyMaxLength,
  placeholders,
  reminderDueAt,
  reminderGraceMs,
  renderBody,
  renderSubject,
  subjectMaxLength,
  subjectPlaceholders,
  unknownPlaceholders,
  type RecipientValues,
  type ReminderTiming,
} from "./template";

/** Recipients rendered into the outbox per transaction: a crash loses at most this batch's work, never half of it. */
export const defaultBatchSize = 200;

export interface MessageContent {
  subject: Localised;
  body: Localised;
  filter: RegistrationFilter;
  /** For a reminder: when, and whether it is on. */
  reminder?: ReminderTiming & { enabled: boolean };
}

export interface MessageSummary {
  id: number;
  kind: "message" | "reminder";
  subject: Localised;
  status: MessageStatus;
  recipientCount: number | null;
  queued: number;
  sent: number;
  failed: number;
  createdAt: Date;
  confirmedAt: Date | null;
  /** A reminder's time, from the edition's days as they are now. */
  dueAt: Date | null;
}

export interface MessageDetail extends MessageSummary {
  body: Localised;
  filter: RegistrationFilter;
  reminder: (ReminderTiming & { enabled: boolean }) | null;
  queuedAt: Date | null;
  missedAt: Date | null;
}

// --- Checking what an organiser wrote --------------------------------------------------------

/** Refuses an empty or too long text, and any placeholder the site does not know. */
function checkContent(content: MessageContent): MessageContent {
  for (const language of languages) {
    const subject = content.subject[language].replace(/\s+/g, " ").trim();
    const body = content.body[language].replace(/\r\n?/g, "\n").trim();
    if (subject === "" || subject.length > subjectMaxLength) throw new AppError("message_subject_invalid");
    if (body === "" || body.length > bodyMaxLength) throw new AppError("message_body_invalid");
    if (unknownPlaceholders(subject, subjectPlaceholders).length > 0 || unknownPlaceholders(body, placeholders).length > 0) {
      throw new AppError("message_placeholder_unknown");
    }
    content.subject[language] = subject;
    content.body[language] = body;
  }
  if (content.reminder && !/^([01][0-9]|2[0-3]):[0-5][0-9]$/.test(content.reminder.time)) throw new AppError("reminder_timing_invalid");
  if (content.reminder && (!Number.isInteger(content.reminder.offsetDays) || Math.abs(content.reminder.offsetDays) > 365)) throw new AppError("reminder_timing_invalid");
  return { ...content, filter: registrationFilterSchema.parse(content.filter) };
}

/** The unknown placeholders of a text, for the composer to name them. */
export function unknownPlaceholdersOf(content: Pick<MessageContent, "subject" | "body">): string[] {
  return [
    ...new Set(languages.flatMap((language) => [...unknownPlaceholders(content.subject[language], subjectPlaceholders), ...unknownPlaceholders(content.body[language], placeholders)])),
  ];
}

// --- Drafts and reminders --------------------------------------------------------------------

const editable = (kind: "message" | "reminder", status: MessageStatus) => (kind === "message" ? status === "draft" : status === "draft" || status === "scheduled" || status === "missed");

/** Saves a new message or reminder, or changes one not started yet; returns its id. */
export async function saveMessage(db: Kysely<DB>, access: BackOfficeAccess, request: { messageId?: number; content: MessageContent; now: Date }): Promise<number> {
  requirePermission(access, "registrations");
  const content = checkContent(request.content);
  const reminder = content.reminder;
  const values = {
    subject: JSON.stringify(content.subject),
    body: JSON.stringify(content.body),
    filter: JSON.stringify(content.filter),
    anchor: reminder?.anchor ?? null,
    offset_days: reminder?.offsetDays ?? null,
    send_time: reminder?.time ?? null,
    enabled: reminder?.enabled ?? true,
    status: (reminder ? (reminder.enabled ? "scheduled" : "draft") : "draft") as MessageStatus,
    missed_at: null,
    updated_at: request.now,
  };
  const logged = { subject: content.subject, filter: content.filter, reminder: reminder ?? null };
  return db.transaction().execute(async (tx) => {
    if (request.messageId === undefined) {
      const { id } = await tx
        .insertInto("message")
        .values({ ...values, edition_id: access.editionId, kind: reminder ? "reminder" : "message", created_by_person_id: access.personId, created_at: request.now })
        .returning("id")
        .executeTakeFirstOrThrow();
      await recordAudit(tx, access, { action: `${reminder ? "reminder" : "message"}.create`, subjectType: "message", subjectId: id, after: logged }, request.now);
      return id;
    }
    const before = await tx
      .selectFrom("message")
      .select(["kind", "status", "subject", "filter", "anchor", "offset_days", "send_time", "enabled"])
      .where("edition_id", "=", access.editionId)
      .where("id", "=", request.messageId)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw new AppError("message_not_found");
    if (!editable(before.kind, before.status) || (before.kind === "reminder") !== Boolean(reminder)) throw new AppError("message_not_editable");
    await tx.updateTable("message").set(values).where("id", "=", request.messageId).execute();
    await recordAudit(tx, access, { action: `${before.kind}.update`, subjectType: "message", subjectId: request.messageId, before, after: logged }, request.now);
    return request.messageId;
  });
}

/** Deletes a message never sent (a draft, or a reminder not started). */
export async function deleteMessage(db: Kysely<DB>, access: BackOfficeAccess, request: { messageId: number; now: Date }): Promise<void> {
  requirePermission(access, "registrations");
  await db.transaction().execute(async (tx) => {
    const row = await tx.selectFrom("message").select(["kind", "status", "subject"]).where("edition_id", "=", access.editionId).where("id", "=", request.messageId).forUpdate().executeTakeFirst();
    if (!row) throw new AppError("message_not_found");
    if (!editable(row.kind, row.status)) throw new AppError("message_not_editable");
    await tx.deleteFrom("message").where("id", "=", request.messageId).execute();
    await recordAudit(tx, access, { action: `${row.kind}.delete`, subjectType: "message", subjectId: request.messageId, before: { subject: row.subject } }, request.now);
  });
}

/** The counts of each message's recipients by the state of their e-mail in the outbox. */
function outcomeCounts(db: Kysely<DB>, messageIds: number[]) {
  if (messageIds.length === 0) return Promise.resolve(new Map<number, { queued: number; sent: number; failed: number }>());
  return db
    .selectFrom("message_recipient")
    .leftJoin("mail_outbox", "mail_outbox.id", "message_recipient.outbox_id")
    .where("message_recipient.message_id", "in", messageIds)
    .groupBy("message_recipient.message_id")
    .select((eb) => [
      "message_recipient.message_id",
      eb.fn.countAll<string>().filterWhere("message_recipient.queued_at", "is not", null).as("queued"),
      eb.fn.countAll<string>().filterWhere("mail_outbox.status", "=", "sent").as("sent"),
      eb.fn.countAll<string>().filterWhere("mail_outbox.status", "=", "failed").as("failed"),
    ])
    .execute()
    .then((rows) => new Map(rows.map((row) => [row.message_id, { queued: Number(row.queued), sent: Number(row.sent), failed: Number(row.failed) }])));
}

const messageColumns = [
  "id",
  "kind",
  "subject",
  "body",
  "filter",
  "status",
  "recipient_count",
  "created_at",
  "confirmed_at",
  "queued_at",
  "missed_at",
  "anchor",
  "offset_days",
  "send_time",
  "enabled",
] as const;

async function editionClock(db: Kysely<DB>, editionId: number) {
  const [edition, days] = await Promise.all([
    db.selectFrom("edition").select("time_zone").where("id", "=", editionId).executeTakeFirstOrThrow(),
    db.selectFrom("edition_day").select("day").where("edition_id", "=", editionId).orderBy("day").execute(),
  ]);
  return { time_zone: edition.time_zone, days: days.map((row) => row.day) };
}

type MessageRow = { [K in (typeof messageColumns)[number]]: DB["message"][K] extends { __select__: infer S } ? S : DB["message"][K] };

function timingOf(row: Pick<MessageRow, "anchor" | "offset_days" | "send_time" | "enabled">) {
  return row.anchor && row.offset_days !== null && row.send_time ? { anchor: row.anchor, offsetDays: row.offset_days, time: row.send_time, enabled: row.enabled } : null;
}

/** The edition's messages and reminders, newest first, with how many got through. */
export async function listMessages(db: Kysely<DB>, access: BackOfficeAccess): Promise<MessageSummary[]> {
  requirePermission(access, "registrations");
  const [rows, clock] = await Promise.all([
    db.selectFrom("message").select(messageColumns).where("edition_id", "=", access.editionId).orderBy("id", "desc").execute(),
    editionClock(db, access.editionId),
  ]);
  const counts = await outcomeCounts(db, rows.map((row) => row.id));
  return rows.map((row) => summaryOf(row as MessageRow, counts.get(row.id), clock));
}

function summaryOf(row: MessageRow, counts: { queued: number; sent: number; failed: number } | undefined, clock: { days: string[]; time_zone: string }): MessageSummary {
  const timing = timingOf(row);
  return {
    id: row.id,
    kind: row.kind,
    subject: row.subject,
    status: row.status,
    recipientCount: row.recipient_count,
    queued: counts?.queued ?? 0,
    sent: counts?.sent ?? 0,
    failed: counts?.failed ?? 0,
    createdAt: row.created_at,
    confirmedAt: row.confirmed_at,
    dueAt: timing ? reminderDueAt(clock, timing) : null,
  };
}

export async function getMessage(db: Kysely<DB>, access: BackOfficeAccess, messageId: number): Promise<MessageDetail> {
  requirePermission(access, "registrations");
  const row = (await db.selectFrom("message").select(messageColumns).where("edition_id", "=", access.editionId).where("id", "=", messageId).executeTakeFirst()) as MessageRow | undefined;
  if (!row) throw new AppError("message_not_found");
  const [counts, clock] = await Promise.all([outcomeCounts(db, [messageId]), editionClock(db, access.editionId)]);
  return {
    ...summaryOf(row, counts.get(messageId), clock),
    body: row.body,
    filter: registrationFilterSchema.parse(row.filter),
    reminder: timingOf(row),
    queuedAt: row.queued_at,
    missedAt: row.missed_at,
  };
}

// --- Before it leaves: counts, preview, test ----------------------------------------------------

export interface RecipientsReview {
  total: number;
  byLanguage: Record<Language, number>;
}

/** Who a message goes to, now (not started yet) or as frozen when it started. */
async function recipientsCondition(db: Kysely<DB>, access: BackOfficeAccess, message: { id: number; status: MessageStatus; filter: RegistrationFilter }) {
  if (message.status === "draft" || message.status === "scheduled" || message.status === "missed") {
    const matching = await filterMatching(db, access, message.filter);
    return { frozen: false as const, matching };
  }
  return { frozen: true as const, matching: null };
}

/**
 * The registrations a filter reaches, one per address (the latest registration of a person who
 * registered twice), with the person's language: the recipients a message would freeze now.
 */
function recipientsQuery(db: Kysely<DB>, matching: Awaited<ReturnType<typeof filterMatching>>) {
  return db
    .selectFrom("registration")
    .innerJoin("person", "person.id", "registration.person_id")
    .where(matching)
    .distinctOn("registration.email")
    .select(["registration.id", "person.language"])
    .orderBy("registration.email")
    .orderBy("registration.id", "desc");
}

/** How many people a message reaches, in French and in English. */
export async function reviewRecipients(db: Kysely<DB>, access: BackOfficeAccess, messageId: number): Promise<RecipientsReview> {
  const message = await getMessage(db, access, messageId);
  const condition = await recipientsCondition(db, access, message);
  const rows = condition.frozen
    ? await db
        .selectFrom("message_recipient")
        .where("message_id", "=", messageId)
        .groupBy("language")
        .select((eb) => ["language", eb.fn.countAll<string>().as("count")])
        .execute()
    : await db
        .selectFrom(recipientsQuery(db, condition.matching).as("recipient"))
        .groupBy("recipient.language")
        .select((eb) => ["recipient.language", eb.fn.countAll<string>().as("count")])
        .execute();
  const byLanguage: Record<Language, number> = { fr: 0, en: 0 };
  for (const row of rows) byLanguage[row.language] = Number(row.count);
  return { total: byLanguage.fr + byLanguage.en, byLanguage };
}

export interface RecipientChoice {
  registrationId: number;
  name: string;
  email: string;
  language: Language;
}

/** Up to 20 of the message's recipients whose name, organisation, e-mail, city or reference has the words of `q`. */
export async function searchRecipients(db: Kysely<DB>, access: BackOfficeAccess, messageId: number, q: string): Promise<RecipientChoice[]> {
  const message = await getMessage(db, access, messageId);
  const search = await filterMatching(db, access, { ...emptyFilter, q });
  const condition = await recipientsCondition(db, access, message);
  const rows = await db
    .selectFrom("registration")
    .innerJoin("person", "person.id", "registration.person_id")
    .where(search)
    .$if(condition.frozen, (query) =>
      query.where((eb) => eb.exists(eb.selectFrom("message_recipient").whereRef("message_recipient.registration_id", "=", "registration.id").where("message_recipient.message_id", "=", messageId).select("message_recipient.registration_id"))),
    )
    .$if(!condition.frozen, (query) => query.where("registration.id", "in", recipientsQuery(db, condition.matching!).clearSelect().select("registration.id")))
    .select(["registration.id", "registration.given_name", "registration.family_name", "registration.email", "person.language"])
    .orderBy("registration.sort_name")
    .orderBy("registration.id")
    .limit(20)
    .execute();
  return rows.map((row) => ({ registrationId: row.id, name: `${row.given_name} ${row.family_name}`, email: row.email, language: row.language }));
}

/** What rendering needs of an edition, read once per batch. */
interface EditionContext {
  editionId: number;
  year: number;
  title: Localised;
  timeZone: string;
  sessions: Session[] | null;
}

async function editionContext(db: Kysely<DB>, editionId: number, withAgenda: boolean): Promise<EditionContext> {
  const row = await db.selectFrom("edition").select(["year"]).where("id", "=", editionId).executeTakeFirstOrThrow();
  const edition = await getEdition(db, row.year, { drafts: true });
  return { editionId, year: edition.year, title: edition.title, timeZone: edition.time_zone, sessions: withAgenda ? await listSessions(db, editionId) : null };
}

interface RecipientRow {
  id: number;
  given_name: string;
  family_name: string;
  email: string;
  status: string;
  seats: number[];
}

function recipientRows(db: Kysely<DB>, registrationIds: number[]): Promise<RecipientRow[]> {
  if (registrationIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("registration")
    .where("registration.id", "in", registrationIds)
    .select((eb) => [
      "registration.id",
      "registration.given_name",
      "registration.family_name",
      "registration.email",
      "registration.status",
      eb
        .fn<number[]>("array", [
          eb.selectFrom("session_signup").whereRef("session_signup.registration_id", "=", "registration.id").where("session_signup.status", "=", "confirmed").select("session_id"),
        ])
        .as("seats"),
    ])
    .execute();
}

/** One recipient's e-mail, in `language`: the subject and body with their values, in the site's layout. */
function renderFor(content: { subject: Localised; body: Localised }, context: EditionContext, person: RecipientRow, language: Language, publicUrl: string) {
  // Like the agenda e-mail: what a confirmed person attends; nothing before they are confirmed.
  const agenda = context.sessions && person.status === "confirmed" ? agendaOf(context.sessions, person.seats) : [];
  const values: RecipientValues = {
    name: `${person.given_name} ${person.family_name}`,
    firstName: person.given_name,
    edition: localisedString(context.title, language),
    registrationLink: publicUrl + paths.space(language),
    agenda: agenda.map((session) => agendaLine(session, language, context.timeZone)),
    emptyAgenda: translate(language, "messages.mail.emptyAgenda"),
  };
  const subject = renderSubject(content.subject[language], values);
  return composeMail({ language, subject, paragraphs: [], rendered: renderBody(content.body[language], values) });
}

const usesAgenda = (body: Localised) => languages.some((language) => body[language].includes("{agenda}"));

async function previewRecipient(db: Kysely<DB>, access: BackOfficeAccess, message: MessageDetail, registrationId: number): Promise<{ person: RecipientRow; language: Language }> {
  const condition = await recipientsCondition(db, access, message);
  const found = condition.frozen
    ? await db.selectFrom("message_recipient").select(["registration_id as id", "language"]).where("message_id", "=", message.id).where("registration_id", "=", registrationId).executeTakeFirst()
    : await db.selectFrom(recipientsQuery(db, condition.matching).as("recipient")).selectAll().where("recipient.id", "=", registrationId).executeTakeFirst();
  if (!found) throw new AppError("message_recipient_not_found");
  const [person] = await recipientRows(db, [found.id]);
  return { person: person!, language: found.language };
}

export interface MessagePreview {
  registrationId: number;
  name: string;
  language: Language;
  subject: string;
  text: string;
  html: string;
}

/** The e-mail exactly as one recipient would get it, in their language. */
export async function previewMessage(db: Kysely<DB>, access: BackOfficeAccess, request: { messageId: number; registrationId: number; publicUrl: string }): Promise<MessagePreview> {
  const message = await getMessage(db, access, request.messageId);
  const { person, language } = await previewRecipient(db, access, message, request.registrationId);
  const context = await editionContext(db, access.editionId, usesAgenda(message.body));
  const mail = renderFor(message, context, person, language, request.publicUrl);
  return { registrationId: person.id, name: `${person.given_name} ${person.family_name}`, language, ...mail };
}

/**
 * Sends the organiser the e-mail one recipient would get (in that person's language), its subject
 * marked as a test; it counts for no one and is sent before any bulk message.
 */
export async function sendTestMessage(db: Kysely<DB>, access: BackOfficeAccess, request: { messageId: number; registrationId: number; now: Date; publicUrl: string }): Promise<void> {
  const preview = await previewMessage(db, access, request);
  const marked = `${translate(preview.language, "messages.mail.testMark")} ${preview.subject}`;
  await db.transaction().execute(async (tx) => {
    await enqueueMail(tx, {
      to: access.email,
      language: preview.language,
      subject: marked,
      text: preview.text,
      html: preview.html.replace(/<title>[^<]*<\/title>/, `<title>${marked.replaceAll("&", "&amp;").replaceAll("<", "&lt;")}</title>`),
    });
    await recordAudit(tx, access, { action: "message.test", subjectType: "message", subjectId: request.messageId, after: { registrationId: request.registrationId, to: access.email } }, request.now);
  });
}

// --- Sending -----------------------------------------------------------------------------------

/**
 * Freezes the recipients of a message that is starting, in one statement: the registrations its
 * filter matches now, one per address, each with the person's language. Returns how many.
 */
async function freezeRecipients(db: Kysely<DB>, message: { id: number; editionId: number; filter: RegistrationFilter }): Promise<number> {
  const matching = await editionFilterMatching(db, message.editionId, message.filter);
  await db
    .insertInto("message_recipient")
    .columns(["message_id", "registration_id", "language"])
    .expression(
      db
        .selectFrom(recipientsQuery(db, matching).as("recipient"))
        .select((eb) => [eb.val(message.id).as("message_id"), "recipient.id", "recipient.language"]),
    )
    .execute();
  const { count } = await db.selectFrom("message_recipient").where("message_id", "=", message.id).select((eb) => eb.fn.countAll<string>().as("count")).executeTakeFirstOrThrow();
  const total = Number(count);
  await db.updateTable("message").set({ recipient_count: total }).where("id", "=", message.id).execute();
  return total;
}

/**
 * Starts a draft the organiser confirmed after reading that it reaches `expected` people: its
 * recipients are frozen and it is marked `sending`, in one transaction; the batches then queue
 * it. When the filter reaches another number by now, nothing starts and the new count is returned.
 */
export async function confirmMessage(
  db: Kysely<DB>,
  access: BackOfficeAccess,
  request: { messageId: number; expected: number; now: Date },
): Promise<{ count: number } | { changed: RecipientsReview }> {
  requirePermission(access, "registrations");
  const message = await getMessage(db, access, request.messageId);
  if (message.kind !== "message" || message.status !== "draft") throw new AppError("message_not_editable");
  class Changed extends Error {}
  try {
    const count = await db.transaction().execute(async (tx) => {
      const started = await tx
        .updateTable("message")
        .set({ status: "sending", confirmed_by_person_id: access.personId, confirmed_at: request.now, updated_at: request.now })
        .where("id", "=", request.messageId)
        .where("edition_id", "=", access.editionId)
        .where("status", "=", "draft")
        .returning("id")
        .executeTakeFirst();
      if (!started) throw new AppError("message_not_editable");
      const total = await freezeRecipients(tx, { id: request.messageId, editionId: access.editionId, filter: message.filter });
      if (total !== request.expected) throw new Changed();
      if (total === 0) throw new AppError("message_no_recipients");
      await recordAudit(tx, access, { action: "message.confirm", subjectType: "message", subjectId: request.messageId, after: { filter: message.filter, count: total } }, request.now);
      return total;
    });
    return { count };
  } catch (error) {
    if (error instanceof Changed) return { changed: await reviewRecipients(db, access, request.messageId) };
    throw error;
  }
}

/**
 * Renders waiting recipients of messages being sent into the outbox, `batchSize` per transaction,
 * until `limit` are queued or none is left. Each transaction takes recipients no other process
 * holds (FOR UPDATE SKIP LOCKED), writes their e-mails and marks them queued: a process killed at
 * any point leaves each recipient queued once or not at all, and any process resumes the rest.
 * A message with no recipient left becomes `queued`. Returns how many recipients were queued.
 */
export async function queueMessageBatches(
  db: Kysely<DB>,
  now: Date,
  publicUrl: string,
  options: { batchSize?: number; limit?: number } = {},
): Promise<number> {
  const { batchSize = defaultBatchSize, limit = Number.POSITIVE_INFINITY } = options;
  let queued = 0;
  while (queued < limit) {
    const done = await db.transaction().execute(async (tx) => {
      const batch = await tx
        .selectFrom("message_recipient")
        .select(["message_id", "registration_id", "language"])
        .where("queued_at", "is", null)
        .where("message_id", "in", (eb) => eb.selectFrom("message").select("id").where("status", "=", "sending"))
        .orderBy("message_id")
        .orderBy("registration_id")
        .limit(Math.min(batchSize, limit - queued))
        .forUpdate()
        .skipLocked()
        .execute();
      if (batch.length === 0) return 0;
      const messageIds = [...new Set(batch.map((row) => row.message_id))];
      const messages = await tx.selectFrom("message").select(["id", "edition_id", "subject", "body"]).where("id", "in", messageIds).execute();
      const people = new Map((await recipientRows(tx, batch.map((row) => row.registration_id))).map((row) => [row.id, row]));
      const contexts = new Map<number, EditionContext>();
      for (const message of messages) {
        if (!contexts.has(message.id)) contexts.set(message.id, await editionContext(tx, message.edition_id, usesAgenda(message.body)));
      }
      for (const recipient of batch) {
        const message = messages.find((candidate) => candidate.id === recipient.message_id)!;
        const person = people.get(recipient.registration_id)!;
        const mail = renderFor(message, contexts.get(message.id)!, person, recipient.language, publicUrl);
        const outboxId = await enqueueMail(tx, { to: person.email, language: recipient.language, ...mail, priority: 1 });
        await tx
          .updateTable("message_recipient")
          .set({ outbox_id: outboxId, queued_at: now })
          .where("message_id", "=", recipient.message_id)
          .where("registration_id", "=", recipient.registration_id)
          .execute();
      }
      return batch.length;
    });
    if (done === 0) break;
    queued += done;
  }
  // Messages with every recipient queued are done (a process may get here while another still holds a batch: it waits its turn).
  await db
    .updateTable("message")
    .set({ status: "queued", queued_at: now })
    .where("status", "=", "sending")
    .where((eb) => eb.not(eb.exists(eb.selectFrom("message_recipient").whereRef("message_recipient.message_id", "=", "message.id").where("message_recipient.queued_at", "is", null).select("message_recipient.message_id"))))
    .execute();
  return queued;
}

/**
 * Starts the reminders whose time has come, each exactly once whatever the number of processes:
 * a conditional update (`status = 'scheduled'`) decides which process starts it, in the
 * transaction that freezes its recipients. A reminder more than a day late (the feature arrived
 * after its time, or the edition moved) is not sent but marked missed.
 */
export async function sendDueReminders(db: Kysely<DB>, now: Date): Promise<{ started: number[]; missed: number[] }> {
  const reminders = await db
    .selectFrom("message")
    .select(["id", "edition_id", "filter", "anchor", "offset_days", "send_time", "enabled"])
    .where("kind", "=", "reminder")
    .where("status", "=", "scheduled")
    .where("enabled", "=", true)
    .execute();
  const started: number[] = [];
  const missed: number[] = [];
  const clocks = new Map<number, Awaited<ReturnType<typeof editionClock>>>();
  for (const reminder of reminders) {
    const timing = timingOf(reminder);
    if (!timing) continue;
    if (!clocks.has(reminder.edition_id)) clocks.set(reminder.edition_id, await editionClock(db, reminder.edition_id));
    const dueAt = reminderDueAt(clocks.get(reminder.edition_id)!, timing);
    if (!dueAt || dueAt > now) continue;
    const late = now.getTime() - dueAt.getTime() > reminderGraceMs;
    await db.transaction().execute(async (tx) => {
      const taken = await tx
        .updateTable("message")
        .set(late ? { status: "missed", missed_at: now, updated_at: now } : { status: "sending", confirmed_at: now, updated_at: now })
        .where("id", "=", reminder.id)
        .where("status", "=", "scheduled")
        .returning("id")
        .executeTakeFirst();
      if (!taken) return;
      const system = { system: true } as const;
      if (late) {
        await recordAudit(tx, system, { action: "reminder.missed", subjectType: "message", subjectId: reminder.id, editionId: reminder.edition_id, after: { dueAt } }, now);
        missed.push(reminder.id);
        return;
      }
      const count = await freezeRecipients(tx, { id: reminder.id, editionId: reminder.edition_id, filter: registrationFilterSchema.parse(reminder.filter) });
      await recordAudit(tx, system, { action: "reminder.start", subjectType: "message", subjectId: reminder.id, editionId: reminder.edition_id, after: { dueAt, count } }, now);
      started.push(reminder.id);
    });
  }
  return { started, missed };
}

// --- After: the delivery report --------------------------------------------------------------------

export interface DeliveryReport {
  total: number;
  /** Frozen but not in the outbox yet. */
  waiting: number;
  /** In the outbox, not sent yet (including retries). */
  pending: number;
  sent: number;
  failed: number;
  /** Queued, and purged from the outbox since (older than 30 days). */
  purged: number;
  failures: { registrationId: number; name: string; email: string; attempts: number; error: string | null }[];
}

export async function deliveryReport(db: Kysely<DB>, access: BackOfficeAccess, messageId: number): Promise<DeliveryReport> {
  await getMessage(db, access, messageId);
  const counts = await db
    .selectFrom("message_recipient")
    .leftJoin("mail_outbox", "mail_outbox.id", "message_recipient.outbox_id")
    .where("message_recipient.message_id", "=", messageId)
    .select((eb) => [
      eb.fn.countAll<string>().as("total"),
      eb.fn.countAll<string>().filterWhere("message_recipient.queued_at", "is", null).as("waiting"),
      eb.fn.countAll<string>().filterWhere("mail_outbox.status", "=", "pending").as("pending"),
      eb.fn.countAll<string>().filterWhere("mail_outbox.status", "=", "sent").as("sent"),
      eb.fn.countAll<string>().filterWhere("mail_outbox.status", "=", "failed").as("failed"),
      eb.fn
        .countAll<string>()
        .filterWhere((filter) => filter.and([filter("message_recipient.queued_at", "is not", null), filter("mail_outbox.id", "is", null)]))
        .as("purged"),
    ])
    .executeTakeFirstOrThrow();
  const failures = await db
    .selectFrom("message_recipient")
    .innerJoin("mail_outbox", "mail_outbox.id", "message_recipient.outbox_id")
    .innerJoin("registration", "registration.id", "message_recipient.registration_id")
    .where("message_recipient.message_id", "=", messageId)
    .where("mail_outbox.status", "=", "failed")
    .select(["registration.id", "registration.given_name", "registration.family_name", "mail_outbox.to_address", "mail_outbox.attempts", "mail_outbox.last_error"])
    .orderBy("registration.sort_name")
    .limit(500)
    .execute();
  return {
    total: Number(counts.total),
    waiting: Number(counts.waiting),
    pending: Number(counts.pending),
    sent: Number(counts.sent),
    failed: Number(counts.failed),
    purged: Number(counts.purged),
    failures: failures.map((row) => ({ registrationId: row.id, name: `${row.given_name} ${row.family_name}`, email: row.to_address, attempts: row.attempts, error: row.last_error })),
  };
}

// --- The periodic job ------------------------------------------------------------------------------

/**
 * Every `intervalMs`: starts the reminders due, then queues every waiting recipient, a batch per
 * transaction. Queueing is only writing to the outbox: the pace at which messages leave is the
 * mail worker's (MAIL_RATE_PER_SECOND), and e-mails one person waits for go first whatever waits.
 * Returns the function that stops it, waiting for a run under way.
 */
export function startMessages(options: { db: Kysely<DB>; now: () => Date; publicUrl: string; intervalMs?: number }): () => Promise<void> {
  const { db, now, publicUrl, intervalMs = 2000 } = options;
  return runPeriodically("Messages", intervalMs, async () => {
    await sendDueReminders(db, now());
    await queueMessageBatches(db, now(), publicUrl);
  });
}
