import type { Kysely, Selectable } from "kysely";
import nodemailer, { type Transporter } from "nodemailer";
import type { DB, MailOutboxTable } from "~/db/schema";
import type { Environment } from "~/lib/env.server";

/** What the worker needs of a nodemailer transport; tests pass one aimed at their own SMTP server. */
export type MailTransport = Pick<Transporter, "sendMail">;

/** Attempts before a message is given up as `failed`: the last one comes about two hours after the first. */
export const maxAttempts = 8;

/** Wait before the next attempt after `attempts` failed ones: 1, 2, 4… minutes. */
export function retryDelayMs(attempts: number): number {
  return 60_000 * 2 ** (attempts - 1);
}

/**
 * How long a claimed message stays reserved for the process that claimed it. Longer than a batch
 * can take with the transport's timeouts, so that no other process sends it meanwhile; if the
 * process dies, the message becomes due again when the lease ends.
 */
export const leaseMs = 15 * 60_000;
const batchSize = 5;
const errorLength = 1000;

type OutboxRow = Selectable<MailOutboxTable>;

/** One SMTP transport for every message, from `smtp://user:password@host:port` or `smtps://…`. */
export function createMailTransport(smtpUrl: string, from: string) {
  return nodemailer.createTransport(
    { url: smtpUrl, connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 },
    { from },
  );
}

/**
 * Reserves up to `limit` due messages for this process. Rows locked by another process's claim
 * are skipped rather than waited for, and the lease (`locked_until`) keeps them out of every other
 * claim until they are sent or rescheduled.
 */
export async function claimDueMail(db: Kysely<DB>, now: Date, limit = batchSize): Promise<OutboxRow[]> {
  return db
    .with("due", (query) =>
      query
        .selectFrom("mail_outbox")
        .select("id")
        .where("status", "=", "pending")
        .where("next_attempt_at", "<=", now)
        .where((eb) => eb.or([eb("locked_until", "is", null), eb("locked_until", "<=", now)]))
        .orderBy("id")
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .updateTable("mail_outbox")
    .from("due")
    .set({ locked_until: new Date(now.getTime() + leaseMs) })
    .whereRef("mail_outbox.id", "=", "due.id")
    .returningAll("mail_outbox")
    .execute();
}

async function deliver(transport: MailTransport, mail: OutboxRow): Promise<void> {
  await transport.sendMail({
    to: mail.to_address,
    subject: mail.subject,
    text: mail.text_body,
    html: mail.html_body,
    headers: { "Content-Language": mail.language },
    attachments: mail.attachments.map((attachment) => ({
      filename: attachment.filename,
      contentType: attachment.contentType,
      content: attachment.content,
      encoding: "base64",
    })),
  });
}

async function markSent(db: Kysely<DB>, mail: OutboxRow, now: Date): Promise<void> {
  await db
    .updateTable("mail_outbox")
    .set({ status: "sent", sent_at: now, attempts: mail.attempts + 1, locked_until: null, last_error: null })
    .where("id", "=", mail.id)
    .execute();
}

/** Schedules the next attempt, or gives up once `maxAttempts` have failed. */
async function markFailedAttempt(db: Kysely<DB>, mail: OutboxRow, now: Date, error: unknown): Promise<"retried" | "failed"> {
  const attempts = mail.attempts + 1;
  const outcome = attempts >= maxAttempts ? "failed" : "retried";
  await db
    .updateTable("mail_outbox")
    .set({
      attempts,
      last_error: (error instanceof Error ? error.message : String(error)).slice(0, errorLength),
      locked_until: null,
      ...(outcome === "failed" ? { status: "failed" } : { next_attempt_at: new Date(now.getTime() + retryDelayMs(attempts)) }),
    })
    .where("id", "=", mail.id)
    .execute();
  return outcome;
}

export interface MailPass {
  sent: number;
  retried: number;
  failed: number;
}

/** One pass of the worker: sends every message due at `now()`, batch by batch, and records each outcome. */
export async function sendDueMail(db: Kysely<DB>, transport: MailTransport, now: () => Date): Promise<MailPass> {
  const pass: MailPass = { sent: 0, retried: 0, failed: 0 };
  for (;;) {
    const batch = await claimDueMail(db, now());
    if (batch.length === 0) return pass;
    for (const mail of batch) {
      try {
        await deliver(transport, mail);
      } catch (error) {
        pass[await markFailedAttempt(db, mail, now(), error)] += 1;
        continue;
      }
      await markSent(db, mail, now());
      pass.sent += 1;
    }
  }
}

/**
 * Sends the outbox through SMTP every `intervalMs` until stopped. Without SMTP_URL it does not
 * run (returns undefined): messages stay pending and can be read at /dev/mailbox.
 */
export function startMailWorker(options: {
  db: Kysely<DB>;
  env: Pick<Environment, "SMTP_URL" | "MAIL_FROM">;
  intervalMs: number;
}): (() => Promise<void>) | undefined {
  const { db, env, intervalMs } = options;
  if (!env.SMTP_URL) return undefined;
  const transport = createMailTransport(env.SMTP_URL, env.MAIL_FROM);
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = sendDueMail(db, transport, () => new Date())
      .then(
        (pass) => {
          if (pass.retried || pass.failed) console.warn(`Mail: ${pass.retried} to retry, ${pass.failed} given up (see mail_outbox.last_error)`);
        },
        (error: unknown) => console.error("Mail worker:", error),
      )
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  tick();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
    transport.close();
  };
}
