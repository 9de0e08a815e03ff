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
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}
