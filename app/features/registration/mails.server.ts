import type { Kysely } from "kysely";
import type { DB } from "~/db/schema";
import { programmeCalendar } from "~/features/calendar/calendar.server";
import { getEdition } from "~/features/editions/editions.server";
import { composeMail } from "~/features/mail/compose";
import { enqueueMail } from "~/features/mail/outbox.server";
import { isLanguage } from "~/i18n/languages";
import { translate } from "~/i18n/translate";
import { paths } from "~/lib/paths";
import { personalAgenda } from "./agenda.server";

export type RegistrationEvent = "confirmed" | "pending" | "waitlisted" | "cancelled" | "promoted";

async function recipient(db: Kysely<DB>, registrationId: number) {
  const row = await db
    .selectFrom("registration")
    .innerJoin("person", "person.id", "registration.person_id")
    .innerJoin("edition", "edition.id", "registration.edition_id")
    .where("registration.id", "=", registrationId)
    .select(["registration.email", "registration.given_name", "person.language", "edition.year"])
    .executeTakeFirstOrThrow();
  return { ...row, language: isLanguage(row.language) ? row.language : "fr" };
}

/** Tells a person what became of their registration, in their language; the agenda comes along once confirmed. */
export async function registrationMail(
  db: Kysely<DB>,
  registrationId: number,
  event: RegistrationEvent,
  publicUrl: string,
): Promise<void> {
  const person = await recipient(db, registrationId);
  const { language, year } = person;
  const t = (key: Parameters<typeof translate>[1]) => translate(language, key, { year, name: person.given_name });
  const withAgenda = event === "confirmed" || event === "promoted";
  const attachments = [];
  if (withAgenda) {
    const edition = await getEdition(db, year);
    const sessions = await personalAgenda(db, registrationId);
    const calendar = programmeCalendar({ edition, sessions, language, publicUrl });
    attachments.push({
      filename: `rencontres-${year}-agenda.ics`,
      contentType: "text/calendar; charset=utf-8; method=PUBLISH",
      content: Buffer.from(calendar, "utf8").toString("base64"),
    });
  }
  const mail = composeMail({
    language,
    subject: t(`registration.mail.${event}.subject`),
    paragraphs: [t("registration.mail.greeting"), t(`registration.mail.${event}.text`)],
    action: { label: t("registration.mail.action"), url: publicUrl + paths.space(language) },
  });
  await enqueueMail(db, { to: person.email, language, ...mail, attachments });
}

/** Tells a person they got a seat in a session they were waiting for. */
export async function signupMail(
  db: Kysely<DB>,
  registrationId: number,
  sessionId: number,
  publicUrl: string,
): Promise<void> {
  const person = await recipient(db, registrationId);
  const { language } = person;
  const session = await db.selectFrom("session").where("id", "=", sessionId).select("title").executeTakeFirstOrThrow();
  const values = { name: person.given_name, session: session.title[language], year: person.year };
  const mail = composeMail({
    language,
    subject: translate(language, "registration.mail.seat.subject", values),
    paragraphs: [translate(language, "registration.mail.greeting", values), translate(language, "registration.mail.seat.text", values)],
    action: { label: translate(language, "registration.mail.action"), url: publicUrl + paths.space(language) },
  });
  await enqueueMail(db, { to: person.email, language, ...mail });
}
