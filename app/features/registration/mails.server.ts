import type { Kysely } from "kysely";
import type { DB, MailAttachment } from "~/db/schema";
import { programmeCalendar } from "~/features/calendar/calendar.server";
import { getEdition, type Edition } from "~/features/editions/editions.server";
import { listSessions, type Session } from "~/features/programme/programme.server";
import { composeMail, inertText } from "~/features/mail/compose";
import { enqueueMail, type OutgoingMail } from "~/features/mail/outbox.server";
import { isLanguage, type Language } from "~/i18n/languages";
import { translate, type MessageKey } from "~/i18n/translate";
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
  return { ...row, language: isLanguage(row.language) ? row.language : ("fr" as const) };
}

interface Recipient {
  email: string;
  given_name: string;
  language: Language;
  year: number;
}

function agendaAttachment(edition: Edition, sessions: Session[], language: Language, publicUrl: string): MailAttachment {
  const calendar = programmeCalendar({ edition, sessions, language, publicUrl });
  return {
    filename: `rencontres-${edition.year}-agenda.ics`,
    contentType: "text/calendar; charset=utf-8; method=PUBLISH",
    content: Buffer.from(calendar, "utf8").toString("base64"),
  };
}

function composeRegistrationMail(person: Recipient, event: RegistrationEvent, publicUrl: string, attachments: MailAttachment[]): OutgoingMail {
  const { language, year } = person;
  const t = (key: MessageKey) => translate(language, key, { year, name: person.given_name });
  const mail = composeMail({
    language,
    subject: t(`registration.mail.${event}.subject`),
    paragraphs: [t("registration.mail.greeting"), t(`registration.mail.${event}.text`)],
    action: { label: t("registration.mail.action"), url: publicUrl + paths.space(language) },
  });
  return { to: person.email, language, ...mail, attachments };
}

/** Tells a person what became of their registration, in their language; the agenda comes along once confirmed. */
export async function registrationMail(
  db: Kysely<DB>,
  registrationId: number,
  event: RegistrationEvent,
  publicUrl: string,
): Promise<void> {
  const person = await recipient(db, registrationId);
  const attachments =
    event === "confirmed" || event === "promoted"
      ? [agendaAttachment(await getEdition(db, person.year), await personalAgenda(db, registrationId), person.language, publicUrl)]
      : [];
  await enqueueMail(db, composeRegistrationMail(person, event, publicUrl, attachments));
}

/**
 * Tells a colleague that the lead of their delegation cancelled their registration, naming the
 * lead, and sends the lead a copy, written in the lead's language. Names are made inert, as in
 * the invitation e-mail.
 */
export async function cancelledByLeadMails(db: Kysely<DB>, registrationId: number, publicUrl: string): Promise<void> {
  const row = await db
    .selectFrom("registration as colleague")
    .innerJoin("person as colleague_person", "colleague_person.id", "colleague.person_id")
    .innerJoin("edition", "edition.id", "colleague.edition_id")
    .innerJoin("delegation", "delegation.id", "colleague.delegation_id")
    .innerJoin("person as lead_person", "lead_person.id", "delegation.lead_person_id")
    .innerJoin("registration as lead", (join) =>
      join.onRef("lead.delegation_id", "=", "delegation.id").onRef("lead.person_id", "=", "delegation.lead_person_id"),
    )
    .where("colleague.id", "=", registrationId)
    .select([
      "colleague.email",
      "colleague.given_name",
      "colleague.family_name",
      "colleague_person.language",
      "edition.year",
      "delegation.organisation_name",
      "lead_person.email as lead_email",
      "lead_person.language as lead_language",
      "lead.given_name as lead_given_name",
      "lead.family_name as lead_family_name",
    ])
    // The lead's latest registration of the edition names them.
    .orderBy("lead.id", "desc")
    .executeTakeFirstOrThrow();
  const lead = inertText(`${row.lead_given_name} ${row.lead_family_name}`);
  const content = (language: Language) => {
    const values = { year: row.year, name: row.given_name, lead, organisation: inertText(row.organisation_name) };
    return {
      subject: translate(language, "registration.mail.cancelled.subject", values),
      paragraphs: [translate(language, "registration.mail.greeting", values), translate(language, "registration.mail.cancelledByLead.text", values)],
      action: { label: translate(language, "registration.mail.action"), url: publicUrl + paths.space(language) },
    };
  };
  const language: Language = isLanguage(row.language) ? row.language : "fr";
  await enqueueMail(db, { to: row.email, language, ...composeMail({ language, ...content(language) }) });
  const leadLanguage: Language = isLanguage(row.lead_language) ? row.lead_language : "fr";
  const copy = content(leadLanguage);
  const colleague = { name: inertText(`${row.given_name} ${row.family_name}`), email: inertText(row.email) };
  const mail = composeMail({
    language: leadLanguage,
    ...copy,
    subject: translate(leadLanguage, "registration.mail.copy.subject", { subject: copy.subject }),
    paragraphs: [translate(leadLanguage, "registration.mail.copy.intro", colleague), ...copy.paragraphs],
  });
  await enqueueMail(db, { to: row.lead_email, language: leadLanguage, ...mail });
}

/** The e-mail of each outcome a new registration may have. */
export type NewRegistrationMails = Record<"confirmed" | "pending" | "waitlisted", OutgoingMail>;

/**
 * The agenda a new registration receives: the sessions open to all, the same for everyone of an
 * edition and language. Kept per content version (which every edit of public content bumps), so
 * that a rush writes it once instead of once per person.
 */
const openAgendas = new Map<string, Promise<MailAttachment>>();

function openAgendaAttachment(
  db: Kysely<DB>,
  request: { year: number; language: Language; publicUrl: string; contentVersion: string },
): Promise<MailAttachment> {
  const key = JSON.stringify([request.contentVersion, request.year, request.language, request.publicUrl]);
  const known = openAgendas.get(key);
  if (known) return known;
  // The promise is kept, not its result: the first registrations of a rush arrive together.
  const attachment = (async () => {
    const edition = await getEdition(db, request.year);
    const sessions = (await listSessions(db, edition.id)).filter((session) => !session.requires_signup);
    return agendaAttachment(edition, sessions, request.language, request.publicUrl);
  })();
  attachment.catch(() => openAgendas.delete(key));
  // Older versions are never asked for again; a handful of editions and two languages remain.
  for (const old of openAgendas.keys()) if (!old.startsWith(`["${request.contentVersion}"`)) openAgendas.delete(old);
  openAgendas.set(key, attachment);
  return attachment;
}

/**
 * The e-mails a new registration may send, one per outcome, written before the registration's
 * statement so that the decision, taken one registration at a time, stays short. A new
 * registration holds no seat yet: its agenda is the sessions open to all.
 */
export async function newRegistrationMails(
  db: Kysely<DB>,
  request: { language: string; year: number; contentVersion: string; givenName: string; email: string; publicUrl: string },
): Promise<NewRegistrationMails> {
  const language: Language = isLanguage(request.language) ? request.language : "fr";
  const agenda = await openAgendaAttachment(db, { ...request, language });
  const recipientOf = { email: request.email, given_name: request.givenName, language, year: request.year };
  const mail = (event: RegistrationEvent, attachments: MailAttachment[]) => composeRegistrationMail(recipientOf, event, request.publicUrl, attachments);
  return { confirmed: mail("confirmed", [agenda]), pending: mail("pending", []), waitlisted: mail("waitlisted", []) };
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
