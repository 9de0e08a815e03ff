import type { Kysely } from "kysely";
import type { DB } from "~/db/schema";
import { isLoopback } from "~/features/accounts/client-address";
import type { Environment } from "~/lib/env.server";
import { AppError } from "~/lib/errors";

// The development mailbox shows the outbox to whoever runs the site without an SMTP server, so
// that a newcomer can follow sign-in links. It exists only while nothing is actually sent:
// `npm start` runs with NODE_ENV=production, so that setting cannot be the rule. Every sign-in
// link is in it, so it opens every account: only the machine itself may read it.

/**
 * Refuses (404) unless SMTP_URL is unset and the client is this machine. The client is the one
 * rate limits see (TRUSTED_PROXIES): a visitor coming through a local reverse proxy is refused too.
 */
export function requireDevMailbox(context: { env: Pick<Environment, "SMTP_URL">; clientAddress: string }): void {
  if (context.env.SMTP_URL) throw new AppError("mailbox_unavailable", "the development mailbox exists only without SMTP_URL");
  if (!isLoopback(context.clientAddress)) throw new AppError("mailbox_unavailable", "the development mailbox is only for this machine");
}

/** Headers of every development mailbox page: never cached, never indexed. */
export const mailboxHeaders = { "Cache-Control": "no-store", Vary: "Accept-Language", "X-Robots-Tag": "noindex" };

export const mailboxSize = 200;

/** The latest messages of the outbox, newest first. */
export async function listMailbox(db: Kysely<DB>) {
  return db
    .selectFrom("mail_outbox")
    .select(["id", "to_address", "subject", "status", "created_at"])
    .orderBy("id", "desc")
    .limit(mailboxSize)
    .execute();
}

export async function getMailboxMessage(db: Kysely<DB>, id: number) {
  const message = await db.selectFrom("mail_outbox").selectAll().where("id", "=", id).executeTakeFirst();
  if (!message) throw new AppError("mail_not_found", "no such message");
  return message;
}

/** Decoded size of a base64 attachment, for display. */
export function attachmentSize(base64: string): number {
  return Buffer.byteLength(base64, "base64");
}
