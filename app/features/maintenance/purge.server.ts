import { runPeriodically } from "~/lib/periodic.server";
import { sql, type Kysely } from "kysely";
import type { DB } from "~/db/schema";

const dayMs = 24 * 3600_000;

/** How long what the purge removes is kept once it is of no use. */
export const retention = {
  /**
   * Sent and given-up e-mails, bodies included: long enough to answer "did my confirmation
   * leave?"; their sign-in links are long dead, but they still name people.
   */
  mailMs: 30 * dayMs,
  /** Rate-limit windows, counted from their start: longer than any window in use (sign-in: 15 minutes). */
  rateLimitMs: dayMs,
  /**
   * Sign-in links past their expiry: for a day, the page a late link opens still says it expired
   * and offers a new one to the same address.
   */
  signInLinkMs: dayMs,
  /** Keys of forms already submitted: a form left open longer is shown again before it is sent. */
  formSubmissionMs: dayMs,
};

/** Rows per delete statement: each statement is short and locks few rows. */
const defaultBatchSize = 1000;

export interface PurgeResult {
  signInTokens: number;
  authSessions: number;
  rateLimits: number;
  mail: number;
  healthAnswers: number;
  formSubmissions: number;
  webauthnChallenges: number;
}

/**
 * Deletes sign-in links expired for `retention.signInLinkMs`, ended sign-in sessions, past rate-limit windows, sent or
 * given-up e-mails older than `retention.mailMs` (pending ones never), and the answers to health
 * questions of every edition whose last day (plus its `health_retention_days`) is over in its own time zone, as the privacy notice
 * and the consent promise (the consent itself, with its text, stays), form submission keys a day old, and passkey challenges
 * past their expiry (a ceremony abandoned before its answer leaves one behind). Every statement deletes
 * at most `batchSize` rows that no one else holds (`skip locked`): several processes may purge
 * at once, each row goes once, and a purger that finds the rest taken stops, leaving it to the
 * others or to its next run.
 */
export async function purgeExpired(db: Kysely<DB>, now: Date, batchSize = defaultBatchSize): Promise<PurgeResult> {
  const mailBefore = new Date(now.getTime() - retention.mailMs);
  const windowsBefore = new Date(now.getTime() - retention.rateLimitMs);
  const linksBefore = new Date(now.getTime() - retention.signInLinkMs);
  return {
    // A link works while `expires_at > now`, a session likewise.
    signInTokens: await inBatches(batchSize, (limit) =>
      db
        .deleteFrom("sign_in_token")
        .where("id", "in", db.selectFrom("sign_in_token").select("id").where("expires_at", "<=", linksBefore).limit(limit).forUpdate().skipLocked())
        .executeTakeFirst(),
    ),
    authSessions: await inBatches(batchSize, (limit) =>
      db
        .deleteFrom("auth_session")
        .where("id", "in", db.selectFrom("auth_session").select("id").where("expires_at", "<=", now).limit(limit).forUpdate().skipLocked())
        .executeTakeFirst(),
    ),
    rateLimits: await inBatches(batchSize, (limit) =>
      db
        .deleteFrom("rate_limit")
        .where((eb) =>
          eb(
            eb.refTuple("key", "window_start"),
            "in",
            eb
              .selectFrom("rate_limit")
              .select(["key", "window_start"])
              .where("window_start", "<", windowsBefore)
              .limit(limit)
              .forUpdate()
              .skipLocked()
              .$asTuple("key", "window_start"),
          ),
        )
        .executeTakeFirst(),
    ),
    mail: await inBatches(batchSize, (limit) =>
      db
        .deleteFrom("mail_outbox")
        .where(
          "id",
          "in",
          db
            .selectFrom("mail_outbox")
            .select("id")
            // Spelled like the partial index `mail_outbox_done`.
            .where(sql<boolean>`status <> 'pending'`)
            .where("created_at", "<", mailBefore)
            .limit(limit)
            .forUpdate()
            .skipLocked(),
        )
        .executeTakeFirst(),
    ),
    healthAnswers: await inBatches(batchSize, (limit) =>
      db
        .deleteFrom("registration_answer")
        .where((eb) =>
          eb(
            eb.refTuple("registration_id", "question_id"),
            "in",
            eb
              .selectFrom("registration_answer as answer")
              .innerJoin("registration_question as question", "question.id", "answer.question_id")
              .innerJoin("edition", "edition.id", "question.edition_id")
              .select(["answer.registration_id", "answer.question_id"])
              .where("question.health_data", "=", true)
              // The end of the last day, midnight after it where the edition takes place, plus the
              // edition's own period for health answers (0 days by default).
              .where(
                sql<Date>`((select max(day) from edition_day where edition_day.edition_id = edition.id) + 1 + edition.health_retention_days)::timestamp at time zone edition.time_zone`,
                "<=",
                now,
              )
              .limit(limit)
              .forUpdate("answer")
              .skipLocked()
              .$asTuple("registration_id", "question_id"),
          ),
        )
        .executeTakeFirst(),
    ),
    formSubmissions: await inBatches(batchSize, (limit) =>
      db
        .deleteFrom("form_submission")
        .where(
          "key",
          "in",
          db
            .selectFrom("form_submission")
            .select("key")
            .where("created_at", "<", new Date(now.getTime() - retention.formSubmissionMs))
            .limit(limit)
            .forUpdate()
            .skipLocked(),
        )
        .executeTakeFirst(),
    ),
    // An answer is refused once `expires_at <= now` (`takeChallenge`): the row is of no use from then.
    webauthnChallenges: await inBatches(batchSize, (limit) =>
      db
        .deleteFrom("webauthn_challenge")
        .where((eb) =>
          eb(
            eb.refTuple("session_id", "ceremony"),
            "in",
            eb
              .selectFrom("webauthn_challenge")
              .select(["session_id", "ceremony"])
              .where("expires_at", "<=", now)
              .limit(limit)
              .forUpdate()
              .skipLocked()
              .$asTuple("session_id", "ceremony"),
          ),
        )
        .executeTakeFirst(),
    ),
  };
}

async function inBatches(batchSize: number, deleteBatch: (limit: number) => Promise<{ numDeletedRows: bigint }>): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = Number((await deleteBatch(batchSize)).numDeletedRows);
    total += deleted;
    if (deleted < batchSize) return total;
  }
}

/**
 * Purges once at once, then every `intervalMs` (hourly by default), on the application clock
 * that wrote the expiry dates, each time followed by `maintain` (Connection.maintain: PGlite's
 * vacuum and statistics). Returns the function that stops it, waiting for a purge under way.
 */
export function startPurge(options: { db: Kysely<DB>; now: () => Date; intervalMs?: number; maintain?: () => Promise<void> }): () => Promise<void> {
  const { db, now, intervalMs = 3600_000, maintain } = options;
  return runPeriodically("Purge", intervalMs, async () => {
    await purgeExpired(db, now());
    await maintain?.();
  });
}
