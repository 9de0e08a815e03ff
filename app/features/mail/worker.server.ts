import type { Kysely, Selectable } from "kysely";
import { randomUUID } from "node:crypto";
import nodemailer, { type NodemailerError, type Transporter } from "nodemailer";
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
 * How long a claim holds its messages unless renewed. The worker renews it while it sends (see
 * `heartbeatMs`), so a slow server never lets another process take over a message; if the process
 * dies, what it held is due again when the lease ends, about a minute later.
 */
export const leaseMs = 60_000;
/** A worker renews the lease of what it still holds several times per lease. */
const heartbeatsPerLease = 4;
/** SMTP connections a process keeps open, each sending one message at a time. */
export const defaultConnections = 5;
const claimPerConnection = 2;
const errorLength = 1000;

type OutboxRow = Selectable<MailOutboxTable>;

/** Timings a test shortens; production uses the defaults above. */
export interface WorkerSettings {
  leaseMs?: number;
  /** Between two renewals of the lease; a quarter of the lease by default. */
  heartbeatMs?: number;
  /**
   * Messages per claim: few, so that a worker that dies delays only a handful of them; by default
   * two per connection, so that each has its next at hand.
   */
  claimSize?: number;
  /** Messages sent at once, one per SMTP connection. */
  connections?: number;
  /** The domain of the Message-ID of each message. */
  messageIdDomain?: string;
}

/**
 * One SMTP transport for every message, from `smtp://user:password@host:port` or `smtps://…`:
 * a pool of `connections` kept open (a new connection per message would cost a handshake, and
 * a TLS one, each time), sending at most `ratePerSecond` messages a second when set — the
 * limit a provider imposes, for this process.
 */
export function createMailTransport(smtpUrl: string, from: string, options: { connections?: number; ratePerSecond?: number } = {}) {
  const { connections = defaultConnections, ratePerSecond } = options;
  return nodemailer.createTransport(
    {
      url: smtpUrl,
      pool: true,
      maxConnections: connections,
      ...(ratePerSecond ? { rateLimit: ratePerSecond, rateDelta: 1000 } : {}),
      connectionTimeout: 30_000,
      greetingTimeout: 30_000,
      socketTimeout: 60_000,
    },
    { from },
  );
}

/** The domain of a sender such as `Rencontres <no-reply@rencontres.example>`, for Message-IDs. */
export function senderDomain(from: string): string {
  return /@([^\s>]+)>?\s*$/.exec(from)?.[1] ?? "localhost";
}

/**
 * The same for every attempt at one message: a message sent again (its process died between the
 * server's acknowledgement and the outbox's update) is the same message to mail systems, which
 * keep one copy per Message-ID.
 */
export function messageIdOf(mail: Pick<OutboxRow, "id" | "created_at">, domain: string): string {
  return `<outbox.${mail.id}.${mail.created_at.getTime().toString(36)}@${domain}>`;
}

/**
 * Reserves up to `limit` due messages for a new claim (the rows' `claimed_by`). Rows locked by
 * another process's claim are skipped rather than waited for, and the lease (`locked_until`)
 * keeps them out of every other claim until they are sent, rescheduled, or the lease runs out.
 */
export async function claimDueMail(
  db: Kysely<DB>,
  now: Date,
  options: { limit?: number; leaseMs?: number } = {},
): Promise<OutboxRow[]> {
  const { limit = claimPerConnection * defaultConnections, leaseMs: lease = leaseMs } = options;
  return db
    .with("due", (query) =>
      query
        .selectFrom("mail_outbox")
        .select("id")
        .where("status", "=", "pending")
        .where("next_attempt_at", "<=", now)
        .where((eb) => eb.or([eb("locked_until", "is", null), eb("locked_until", "<=", now)]))
        .orderBy("priority")
        .orderBy("id")
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .updateTable("mail_outbox")
    .from("due")
    .set({ locked_until: new Date(now.getTime() + lease), claimed_by: randomUUID() })
    .whereRef("mail_outbox.id", "=", "due.id")
    .returningAll("mail_outbox")
    .execute();
}

/** Extends the lease of the messages `claim` still holds and returns their ids. */
export async function renewClaim(db: Kysely<DB>, claim: string, now: Date, lease = leaseMs): Promise<Set<number>> {
  const rows = await db
    .updateTable("mail_outbox")
    .set({ locked_until: new Date(now.getTime() + lease) })
    .where("claimed_by", "=", claim)
    .where("status", "=", "pending")
    .returning("id")
    .execute();
  return new Set(rows.map((row) => row.id));
}

/** Gives back messages of `claim` not yet tried, for any process to send at once. */
async function releaseClaim(db: Kysely<DB>, claim: string, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable("mail_outbox")
    .set({ locked_until: null, claimed_by: null })
    .where("claimed_by", "=", claim)
    .where("id", "in", ids)
    .execute();
}

async function deliver(transport: MailTransport, mail: OutboxRow, messageIdDomain: string): Promise<void> {
  await transport.sendMail({
    messageId: messageIdOf(mail, messageIdDomain),
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

/**
 * Whether the server refused this very message for good: a permanent reply (5xx except 503,
 * nodemailer's `permanent`) to its recipient or to its content. A permanent reply to the login or
 * to the sender address concerns every message (a wrong password or MAIL_FROM): those are retried,
 * giving the operator time to fix the setting, like connection failures and timeouts.
 */
export function isPermanentRefusal(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { permanent, command, code } = error as NodemailerError;
  return permanent === true && code !== "EAUTH" && (command === "RCPT TO" || command === "DATA");
}

async function markSent(db: Kysely<DB>, mail: OutboxRow, now: Date): Promise<void> {
  // By id alone: the message left, whoever holds it now.
  await db
    .updateTable("mail_outbox")
    .set({ status: "sent", sent_at: now, attempts: mail.attempts + 1, locked_until: null, claimed_by: null, last_error: null })
    .where("id", "=", mail.id)
    .execute();
}

/** Gives the message up at once after a permanent refusal or `maxAttempts` failures; otherwise schedules the next attempt. */
async function markFailedAttempt(db: Kysely<DB>, mail: OutboxRow, now: Date, error: unknown): Promise<"retried" | "failed"> {
  const attempts = mail.attempts + 1;
  const outcome = attempts >= maxAttempts || isPermanentRefusal(error) ? "failed" : "retried";
  await db
    .updateTable("mail_outbox")
    .set({
      attempts,
      last_error: (error instanceof Error ? error.message : String(error)).slice(0, errorLength),
      locked_until: null,
      claimed_by: null,
      ...(outcome === "failed" ? { status: "failed" } : { next_attempt_at: new Date(now.getTime() + retryDelayMs(attempts)) }),
    })
    .where("id", "=", mail.id)
    // A claim lost meanwhile (see sendClaim) belongs to the worker that took it over.
    .where("claimed_by", "=", mail.claimed_by)
    .execute();
  return outcome;
}

export interface MailPass {
  sent: number;
  retried: number;
  failed: number;
}

/**
 * One pass of the worker: claims a few due messages at a time and sends them, renewing their lease
 * every `heartbeatMs`, until none is due at `now()` or `signal` stops it (after the message being
 * sent; the rest of the claim is released at once).
 */
export async function sendDueMail(
  db: Kysely<DB>,
  transport: MailTransport,
  now: () => Date,
  options: WorkerSettings & { signal?: AbortSignal } = {},
): Promise<MailPass> {
  const pass: MailPass = { sent: 0, retried: 0, failed: 0 };
  while (!options.signal?.aborted) {
    const limit = options.claimSize ?? claimPerConnection * (options.connections ?? defaultConnections);
    const claim = await claimDueMail(db, now(), { limit, leaseMs: options.leaseMs });
    if (claim.length === 0) break;
    await sendClaim(db, transport, now, claim, pass, options);
  }
  return pass;
}

async function sendClaim(
  db: Kysely<DB>,
  transport: MailTransport,
  now: () => Date,
  claim: OutboxRow[],
  pass: MailPass,
  options: WorkerSettings & { signal?: AbortSignal },
): Promise<void> {
  const {
    leaseMs: lease = leaseMs,
    heartbeatMs = lease / heartbeatsPerLease,
    signal,
    connections = defaultConnections,
    messageIdDomain = "localhost",
  } = options;
  const claimId = claim[0]?.claimed_by;
  if (!claimId) return;
  // What the lease still covers. A process paused for longer than its lease (or cut off from the
  // database) may find that another one has taken some messages over: it leaves those alone.
  const held = new Set(claim.map((mail) => mail.id));
  let renewal: Promise<void> = Promise.resolve();
  const heartbeat = setInterval(() => {
    renewal = renewal
      .then(() => renewClaim(db, claimId, now(), lease))
      .then(
        (still) => {
          for (const id of held) if (!still.has(id)) held.delete(id);
        },
        (error: unknown) => console.warn("Mail worker: could not renew its lease:", error),
      );
  }, heartbeatMs);
  const waiting = [...claim];
  const started = new Set<number>();
  // One lane per connection, each taking the next message of the claim when it is done.
  const lane = async () => {
    for (let mail = waiting.shift(); mail && !signal?.aborted; mail = waiting.shift()) {
      if (!held.has(mail.id)) continue;
      started.add(mail.id);
      try {
        await deliver(transport, mail, messageIdDomain);
      } catch (error) {
        pass[await markFailedAttempt(db, mail, now(), error)] += 1;
        continue;
      }
      await markSent(db, mail, now());
      pass.sent += 1;
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(connections, claim.length) }, lane));
  } finally {
    clearInterval(heartbeat);
    await renewal;
  }
  await releaseClaim(
    db,
    claimId,
    claim.filter((mail) => !started.has(mail.id)).map((mail) => mail.id),
  );
}

/**
 * Sends the outbox through SMTP every `intervalMs` until stopped. Without SMTP_URL it does not
 * run (returns undefined): messages stay pending and can be read at /dev/mailbox. Stopping waits
 * for the message being sent, not for the whole outbox.
 */
export function startMailWorker(
  options: {
    db: Kysely<DB>;
    env: Pick<Environment, "SMTP_URL" | "MAIL_FROM"> & Partial<Pick<Environment, "MAIL_CONNECTIONS" | "MAIL_RATE_PER_SECOND">>;
    intervalMs: number;
    /** The mail clock: the real one (messages are due by the database's clock). */
    now?: () => Date;
  } & WorkerSettings,
): (() => Promise<void>) | undefined {
  const { db, env, intervalMs, now = () => new Date(), ...settings } = options;
  if (!env.SMTP_URL) return undefined;
  const connections = env.MAIL_CONNECTIONS ?? defaultConnections;
  const transport = createMailTransport(env.SMTP_URL, env.MAIL_FROM, { connections, ratePerSecond: env.MAIL_RATE_PER_SECOND });
  const workerSettings = { connections, messageIdDomain: senderDomain(env.MAIL_FROM), ...settings };
  const stopping = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = sendDueMail(db, transport, now, { ...workerSettings, signal: stopping.signal })
      .then(
        (pass) => {
          if (pass.retried || pass.failed) console.warn(`Mail: ${pass.retried} to retry, ${pass.failed} given up (see mail_outbox.last_error)`);
        },
        (error: unknown) => console.error("Mail worker:", error),
      )
      .finally(() => {
        if (!stopping.signal.aborted) timer = setTimeout(tick, intervalMs);
      });
  };
  tick();
  return async () => {
    stopping.abort();
    clearTimeout(timer);
    await running;
    transport.close();
  };
}
