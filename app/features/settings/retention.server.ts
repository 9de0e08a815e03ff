import { runPeriodically } from "~/lib/periodic.server";
import { sql, type Expression, type Kysely, type SqlBool } from "kysely";
import type { DB } from "~/db/schema";
import { recordAudit } from "~/features/organisers/audit.server";
import { requirePermission, type BackOfficeAccess } from "~/features/organisers/organisers.server";
import type { RetentionInput } from "./fields";

// How long an edition keeps the personal data of its registrations: past its retention period,
// counted from the end of its last day where it takes place, each registration of the edition is
// anonymised. The counts stay (status, category, organisation type, country, workshop seats); the
// person's account and their registrations to other editions are not touched. See
// docs/decisions/0024-edition-settings-and-retention.md.

/** The fields of a registration emptied, and the rows deleted with them, shown in the dry run. */
export const anonymisedFields = ["given_name", "family_name", "job_title", "email", "phone", "languages", "organisation_name"] as const;
export const deletedRows = ["answers", "consents", "session_wishes", "delegation_invitations", "notes"] as const;

/** The end of the edition's last day plus `days`, on the edition's clock; null without days. */
function endPlus(days: Expression<number>) {
  return sql<Date | null>`((select max(edition_day.day) from edition_day where edition_day.edition_id = edition.id) + 1 + ${days})::timestamp at time zone edition.time_zone`;
}

const anonymiseOn = endPlus(sql<number>`edition.retention_days`);

/**
 * The registrations not yet anonymised whose edition's retention period is over at `at` (of one
 * edition, or of all): what the daily job anonymises, and what the dry run counts at the date it
 * shows.
 */
function dueRegistrations(db: Kysely<DB>, filter: { at: Date; editionId?: number }) {
  let query = db
    .selectFrom("registration")
    .innerJoin("edition", "edition.id", "registration.edition_id")
    .where("registration.anonymised_at", "is", null)
    .where(sql<SqlBool>`${anonymiseOn} <= ${filter.at}`);
  if (filter.editionId !== undefined) query = query.where("registration.edition_id", "=", filter.editionId);
  return query;
}

export async function retentionSettings(db: Kysely<DB>, access: BackOfficeAccess): Promise<RetentionInput> {
  requirePermission(access, "team");
  const row = await db.selectFrom("edition").where("id", "=", access.editionId).select(["retention_days", "health_retention_days"]).executeTakeFirstOrThrow();
  return { retentionDays: row.retention_days, healthRetentionDays: row.health_retention_days };
}

export async function updateRetentionSettings(db: Kysely<DB>, access: BackOfficeAccess, request: { input: RetentionInput; now: Date }): Promise<void> {
  requirePermission(access, "team");
  await db.transaction().execute(async (tx) => {
    const before = await tx
      .selectFrom("edition")
      .where("id", "=", access.editionId)
      .select(["retention_days", "health_retention_days"])
      .forUpdate()
      .executeTakeFirstOrThrow();
    const after = { retention_days: request.input.retentionDays, health_retention_days: request.input.healthRetentionDays };
    await tx.updateTable("edition").set({ ...after, updated_at: request.now }).where("id", "=", access.editionId).execute();
    await recordAudit(tx, access, { action: "edition.retention", subjectType: "edition", subjectId: access.editionId, before, after }, request.now);
  });
}

export interface RetentionPlan {
  /** When the registrations are anonymised; null while the edition has no days. */
  anonymiseOn: Date | null;
  /** When health answers are erased. */
  healthErasedOn: Date | null;
  /** Registrations the job will anonymise on that date, and the people they belong to. */
  registrations: number;
  people: number;
  /** Health answers still held, erased on `healthErasedOn`. */
  healthAnswers: number;
  /** Registrations already anonymised. */
  anonymised: number;
  fields: typeof anonymisedFields;
  deleted: typeof deletedRows;
}

/**
 * What the retention will do to the proof's edition, without doing it: the registrations the job
 * would pick (the same query) on the date their period ends, and the fields it empties.
 */
export async function retentionPlan(db: Kysely<DB>, access: BackOfficeAccess): Promise<RetentionPlan> {
  requirePermission(access, "team");
  const dates = await db
    .selectFrom("edition")
    .where("edition.id", "=", access.editionId)
    .select([anonymiseOn.as("anonymise_on"), endPlus(sql<number>`edition.health_retention_days`).as("health_erased_on")])
    .executeTakeFirstOrThrow();
  const [due, anonymised, health] = await Promise.all([
    dates.anonymise_on
      ? dueRegistrations(db, { at: dates.anonymise_on, editionId: access.editionId })
          .select((eb) => [eb.fn.countAll<string>().as("registrations"), eb.fn.count<string>("registration.person_id").distinct().as("people")])
          .executeTakeFirstOrThrow()
      : { registrations: "0", people: "0" },
    db
      .selectFrom("registration")
      .where("edition_id", "=", access.editionId)
      .where("anonymised_at", "is not", null)
      .select((eb) => eb.fn.countAll<string>().as("count"))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("registration_answer")
      .innerJoin("registration_question", "registration_question.id", "registration_answer.question_id")
      .where("registration_question.edition_id", "=", access.editionId)
      .where("registration_question.health_data", "=", true)
      .select((eb) => eb.fn.countAll<string>().as("count"))
      .executeTakeFirstOrThrow(),
  ]);
  return {
    anonymiseOn: dates.anonymise_on ? new Date(dates.anonymise_on) : null,
    healthErasedOn: dates.health_erased_on ? new Date(dates.health_erased_on) : null,
    registrations: Number(due.registrations),
    people: Number(due.people),
    healthAnswers: Number(health.count),
    anonymised: Number(anonymised.count),
    fields: anonymisedFields,
    deleted: deletedRows,
  };
}

/** Rows per transaction: each is short and locks few registrations. */
const defaultBatchSize = 200;

/**
 * Anonymises, batch by batch, every registration whose edition's retention period is over at
 * `now`. Each batch takes registrations no one else holds (`skip locked`): several processes may
 * run it at once, each registration goes once. Each batch leaves a trace in the audit log, by the
 * system, with how many registrations of which edition it anonymised.
 */
export async function anonymiseExpired(db: Kysely<DB>, now: Date, batchSize = defaultBatchSize): Promise<{ registrations: number }> {
  let total = 0;
  for (;;) {
    const done = await db.transaction().execute(async (tx) => {
      const rows = await dueRegistrations(tx, { at: now })
        .select(["registration.id", "registration.edition_id"])
        .orderBy("registration.id")
        .limit(batchSize)
        .forUpdate("registration")
        .skipLocked()
        .execute();
      if (rows.length === 0) return 0;
      const ids = rows.map((row) => row.id);
      await tx.deleteFrom("registration_answer").where("registration_id", "in", ids).execute();
      await tx.deleteFrom("consent").where("registration_id", "in", ids).execute();
      await tx.deleteFrom("session_wish").where("registration_id", "in", ids).execute();
      // A meeting profile is the person's own words, photo and themes (its rows go with it).
      await tx.deleteFrom("meeting_profile").where("registration_id", "in", ids).execute();
      // A request carries its author's words; with either person gone it says nothing worth keeping.
      await tx
        .deleteFrom("meeting_request")
        .where((eb) => eb.or([eb("requester_registration_id", "in", ids), eb("invitee_registration_id", "in", ids)]))
        .execute();
      // Its meetings went with the requests; what the person was sent of them goes too.
      await tx.deleteFrom("meeting_announcement").where("registration_id", "in", ids).execute();
      // Café seats and wishes say where the person sat; a café they hosted carries their name on the programme.
      await tx.deleteFrom("cafe_seat").where("registration_id", "in", ids).execute();
      await tx.deleteFrom("cafe_wish").where("registration_id", "in", ids).execute();
      await tx.deleteFrom("cafe").where("host_registration_id", "in", ids).execute();
      // Organisers' notes on a registration name and describe its person.
      await tx.deleteFrom("registration_note").where("registration_id", "in", ids).execute();
      // Invitations name the colleague invited, accepted or not.
      const editions = [...new Set(rows.map((row) => row.edition_id))];
      await tx
        .deleteFrom("delegation_invitation")
        .where((eb) => eb.or([eb("registration_id", "in", ids), eb("edition_id", "in", editions).and("accepted_at", "is", null)]))
        .execute();
      await tx
        .updateTable("registration")
        .set({ given_name: "", family_name: "", job_title: "", email: "", phone: "", languages: [], organisation_name: "", anonymised_at: now, updated_at: now })
        .where("id", "in", ids)
        .execute();
      for (const editionId of editions) {
        const count = rows.filter((row) => row.edition_id === editionId).length;
        await recordAudit(
          tx,
          { system: true },
          { action: "retention.anonymise", subjectType: "edition", subjectId: editionId, editionId, after: { registrations: count, fields: anonymisedFields } },
          now,
        );
      }
      return rows.length;
    });
    total += done;
    if (done < batchSize) return { registrations: total };
  }
}

/**
 * Runs the retention once at once, then daily, on the application clock. Returns the function
 * that stops it, waiting for a run under way.
 */
export function startRetention(options: { db: Kysely<DB>; now: () => Date; intervalMs?: number }): () => Promise<void> {
  const { db, now, intervalMs = 24 * 3600_000 } = options;
  return runPeriodically("Retention", intervalMs, async () => {
    const result = await anonymiseExpired(db, now());
    if (result.registrations > 0) console.log(`Retention: ${result.registrations} registrations anonymised`);
  });
}
