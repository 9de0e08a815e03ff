import type { Kysely } from "kysely";
import type { DB, MailAttachment } from "~/db/schema";
import type { Language } from "~/i18n/languages";

export interface OutgoingMail {
  to: string;
  language: Language;
  subject: string;
  text: string;
  html: string;
  attachments?: MailAttachment[];
  /** 1 for a message to many people, sent after every waiting message of priority 0 (the default). */
  priority?: 0 | 1;
}

/**
 * Puts an e-mail in the outbox. Call it with the transaction that causes the e-mail, so that the
 * message exists exactly when what it announces does; the mail worker sends it afterwards.
 */
export async function enqueueMail(db: Kysely<DB>, mail: OutgoingMail): Promise<number> {
  const row = await db
    .insertInto("mail_outbox")
    .values({
      to_address: mail.to,
      language: mail.language,
      subject: mail.subject,
      text_body: mail.text,
      html_body: mail.html,
      attachments: JSON.stringify(mail.attachments ?? []),
      priority: mail.priority ?? 0,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Puts an e-mail in the outbox in place of the one of the same `key` still waiting there, if
 * any: a person whose agenda changes three times in a minute gets one message, the latest. The
 * first of a series waits until `notBefore`, giving the next changes time to replace it; a
 * message a worker holds (claimed) is left alone and a new one queued after it. Callers hold a
 * lock on what the key names (its registration), so two writers never both find no message.
 */
export async function enqueueReplacing(db: Kysely<DB>, key: string, mail: OutgoingMail, notBefore: Date): Promise<void> {
  const content = {
    to_address: mail.to,
    language: mail.language,
    subject: mail.subject,
    text_body: mail.text,
    html_body: mail.html,
    attachments: JSON.stringify(mail.attachments ?? []),
  };
  const replaced = await db
    .updateTable("mail_outbox")
    .set(content)
    .where("replace_key", "=", key)
    .where("status", "=", "pending")
    .where("claimed_by", "is", null)
    .returning("id")
    .executeTakeFirst();
  if (!replaced) await db.insertInto("mail_outbox").values({ ...content, replace_key: key, next_attempt_at: notBefore }).execute();
}
