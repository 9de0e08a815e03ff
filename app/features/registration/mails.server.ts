import type { Kysely } from "kysely";
import type { ConsentKind, DB, MailAttachment } from "~/db/schema";
import { agendaCalendar, programmeCalendar } from "~/features/calendar/calendar.server";
import { getEdition, type Edition } from "~/features/editions/editions.server";
import { listSessions, type Session } from "~/features/programme/programme.server";
import { composeMail, inertText } from "~/features/mail/compose";
import { enqueueMail, enqueueReplacing, type OutgoingMail } from "~/features/mail/outbox.server";
import { isLanguage, type Language } from "~/i18n/languages";
import { translate, type MessageKey } from "~/i18n/translate";
import { formatDate, formatDays, formatShortDay, formatTime } from "~/lib/format";
import { paths } from "~/lib/paths";
import { agendaOf } from "./agenda";
import { personalAgenda } from "./agenda.server";
import { answerText, type Confirmation } from "./confirmation";
import { confirmationsOf } from "./confirmation.server";
import type { RegistrationQuestion } from "./questions.server";
import { localisedString } from "~/lib/localised";

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
  return calendarAttachment(edition.year, programmeCalendar({ edition, sessions, language, publicUrl }));
}

function calendarAttachment(year: number, calendar: string): MailAttachment {
  return {
    filename: `rencontres-${year}-agenda.ics`,
    contentType: "text/calendar; charset=utf-8; method=PUBLISH",
    content: Buffer.from(calendar, "utf8").toString("base64"),
  };
}

/**
 * Stands for the reference in a new registration's e-mails, composed before the registration
 * exists: the statement that writes the registration puts its reference in its place.
 */
export const referencePlaceholder = "%REFERENCE%";

/**
 * What a confirmation e-mail says besides its news: the reference, dates, venue, the summary of
 * the registration, how to change or cancel it and whom to ask.
 */
function confirmationParagraphs(language: Language, edition: Edition, confirmation: Confirmation, publicUrl: string): string[] {
  const t = (key: MessageKey, values?: Record<string, string | number>) => translate(language, key, values);
  const list = (title: string, items: string[]) => [title, ...items.map((item) => `- ${item}`)].join("\n");
  const { venue } = edition;
  const paragraphs = [
    t("registration.confirmation.reference", { reference: confirmation.reference }),
    [
      t("registration.confirmation.dates", { dates: formatDays(edition.days, language) }),
      t("registration.confirmation.venue", { venue: [venue.name, venue.street_address, `${venue.postal_code} ${venue.locality}`].join(", ") }),
    ].join("\n"),
    t(`registration.confirmation.next.${confirmation.status}`),
  ];
  if (confirmation.delegation) {
    paragraphs.push(t("registration.confirmation.delegation", { organisation: inertText(confirmation.delegation.organisation), lead: inertText(confirmation.delegation.lead) }));
  }
  if (confirmation.workshops.length > 0) {
    paragraphs.push(
      list(
        t("registration.confirmation.workshops"),
        confirmation.workshops.map((workshop) => {
          const when = `${formatDate(workshop.starts_at, language, edition.time_zone)}, ${formatTime(workshop.starts_at, language, edition.time_zone)}–${formatTime(workshop.ends_at, language, edition.time_zone)}`;
          const waiting = workshop.status === "waitlisted" ? ` (${t("registration.confirmation.waitlisted")})` : "";
          return `${localisedString(workshop.title, language)}, ${when}${waiting}`;
        }),
      ),
    );
  }
  if (confirmation.answers.length > 0) {
    paragraphs.push(list(t("registration.confirmation.answers"), confirmation.answers.map((answer) => `${localisedString(answer.label, language)} — ${answerText(answer, language)}`)));
  }
  if (confirmation.consents.length > 0) {
    paragraphs.push(
      list(
        t("registration.confirmation.consents"),
        confirmation.consents.map((consent) =>
          t(consent.granted ? "registration.confirmation.consentGiven" : "registration.confirmation.consentRefused", {
            text: consent.text,
            date: formatDate(consent.recordedAt, language, edition.time_zone),
          }),
        ),
      ),
    );
  }
  paragraphs.push(t("registration.confirmation.change", { url: publicUrl + paths.space(language) }));
  const contact = edition.contacts.find((c) => c.email || c.phone);
  if (contact) {
    const ways = [contact.email, contact.phone].filter((way): way is string => Boolean(way)).join(", ");
    paragraphs.push(t("registration.confirmation.contact", { name: contact.name, ways }));
  }
  return paragraphs;
}

function composeRegistrationMail(
  person: Recipient,
  event: RegistrationEvent,
  publicUrl: string,
  attachments: MailAttachment[],
  details?: { edition: Edition; confirmation: Confirmation },
): OutgoingMail {
  const { language, year } = person;
  const t = (key: MessageKey) => translate(language, key, { year, name: person.given_name });
  const mail = composeMail({
    language,
    subject: t(`registration.mail.${event}.subject`),
    paragraphs: [
      t("registration.mail.greeting"),
      t(`registration.mail.${event}.text`),
      ...(details ? confirmationParagraphs(language, details.edition, details.confirmation, publicUrl) : []),
    ],
    action: { label: t("registration.mail.action"), url: publicUrl + paths.space(language) },
  });
  return { to: person.email, language, ...mail, attachments };
}

/**
 * Tells a person what became of their registration, in their language, with its summary unless
 * it is cancelled; the agenda comes along once confirmed.
 */
export async function registrationMail(
  db: Kysely<DB>,
  registrationId: number,
  event: RegistrationEvent,
  publicUrl: string,
): Promise<void> {
  const person = await recipient(db, registrationId);
  const edition = await getEdition(db, person.year);
  const attachments =
    event === "confirmed" || event === "promoted" ? [agendaAttachment(edition, await personalAgenda(db, registrationId), person.language, publicUrl)] : [];
  const confirmation = event === "cancelled" ? undefined : (await confirmationsOf(db, [registrationId])).get(registrationId);
  await enqueueMail(db, composeRegistrationMail(person, event, publicUrl, attachments, confirmation && { edition, confirmation }));
}

/** The e-mail of each outcome a new registration may have, and the year its reference carries. */
export interface NewRegistrationMails {
  year: number;
  mails: Record<"confirmed" | "pending" | "waitlisted", OutgoingMail>;
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

/**
 * What a new registration's e-mails are made of, the same for everyone of an edition and
 * language: the edition and the agenda of the sessions open to all. Kept per content version
 * (which every edit of public content bumps), so that a rush writes it once instead of once per person.
 */
const openAgendas = new Map<string, Promise<{ edition: Edition; agenda: MailAttachment }>>();

function openAgendaAttachment(
  db: Kysely<DB>,
  request: { year: number; language: Language; publicUrl: string; contentVersion: string },
): Promise<{ edition: Edition; agenda: MailAttachment }> {
  const key = JSON.stringify([request.contentVersion, request.year, request.language, request.publicUrl]);
  const known = openAgendas.get(key);
  if (known) return known;
  // The promise is kept, not its result: the first registrations of a rush arrive together.
  const attachment = (async () => {
    const edition = await getEdition(db, request.year);
    const sessions = (await listSessions(db, edition.id)).filter((session) => !session.requires_signup);
    return { edition, agenda: agendaAttachment(edition, sessions, request.language, request.publicUrl) };
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
 * registration holds no seat yet: its agenda is the sessions open to all. Its reference is
 * `referencePlaceholder`, replaced by the statement.
 */
export async function newRegistrationMails(
  db: Kysely<DB>,
  request: {
    language: string;
    year: number;
    contentVersion: string;
    givenName: string;
    email: string;
    publicUrl: string;
    questions: readonly RegistrationQuestion[];
    answers: Record<number, string | string[]>;
    consents: Record<ConsentKind, boolean>;
    consentTexts: Record<ConsentKind, string>;
    now: Date;
  },
): Promise<NewRegistrationMails> {
  const language: Language = isLanguage(request.language) ? request.language : "fr";
  const { edition, agenda } = await openAgendaAttachment(db, { ...request, language });
  const recipientOf = { email: request.email, given_name: request.givenName, language, year: request.year };
  const confirmation = (status: "confirmed" | "pending" | "waitlisted"): Confirmation => ({
    reference: referencePlaceholder,
    status,
    answers: request.questions
      .filter((question) => { const value = request.answers[question.id]; return value !== undefined && value !== "" && !(Array.isArray(value) && value.length === 0); })
      .map((question) => ({ label: question.label, kind: question.kind, options: question.options, value: request.answers[question.id] })),
    consents: (Object.keys(request.consents) as ConsentKind[]).map((kind) => ({ kind, granted: request.consents[kind], text: request.consentTexts[kind], recordedAt: request.now })),
    workshops: [],
    delegation: null,
  });
  const mail = (status: "confirmed" | "pending" | "waitlisted", attachments: MailAttachment[]) =>
    composeRegistrationMail(recipientOf, status, request.publicUrl, attachments, { edition, confirmation: confirmation(status) });
  return { year: request.year, mails: { confirmed: mail("confirmed", [agenda]), pending: mail("pending", []), waitlisted: mail("waitlisted", []) } };
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
  const values = { name: person.given_name, session: localisedString(session.title, language), year: person.year };
  const mail = composeMail({
    language,
    subject: translate(language, "registration.mail.seat.subject", values),
    paragraphs: [translate(language, "registration.mail.greeting", values), translate(language, "registration.mail.seat.text", values)],
    action: { label: translate(language, "registration.mail.action"), url: publicUrl + paths.space(language) },
  });
  await enqueueMail(db, { to: person.email, language, ...mail });
}

/** One session of a person's agenda as the agenda e-mail lists it: its day, times and title. */
export function agendaLine(session: Pick<Session, "day" | "starts_at" | "ends_at" | "title">, language: Language, timeZone: string): string {
  return `${formatShortDay(session.day, language)}, ${formatTime(session.starts_at, language, timeZone)}–${formatTime(session.ends_at, language, timeZone)}: ${localisedString(session.title, language)}`;
}

/** How long an updated agenda waits for further changes before it leaves (see enqueueReplacing). */
export const agendaUpdateDelayMs = 5 * 60 * 1000;

/**
 * After a change of what a person attends (a seat taken, given up or obtained): raises their
 * agenda's sequence and, if they are confirmed, queues one e-mail with the agenda as it now
 * stands. Its events keep their UIDs and carry the new SEQUENCE, and the sessions the person
 * left are written as cancelled, so that the calendar that imported an earlier copy updates it.
 * Call it in the transaction of the change, which holds the registration's row lock.
 */
export async function agendaChanged(db: Kysely<DB>, registrationId: number, now: Date, publicUrl: string): Promise<void> {
  const registration = await db
    .updateTable("registration")
    .set((eb) => ({ agenda_sequence: eb("agenda_sequence", "+", 1) }))
    .where("id", "=", registrationId)
    .returning(["agenda_sequence", "status", "edition_id"])
    .executeTakeFirstOrThrow();
  if (registration.status !== "confirmed") return;
  const person = await recipient(db, registrationId);
  const { language } = person;
  const [edition, signups] = await Promise.all([
    getEdition(db, person.year),
    db.selectFrom("session_signup").where("registration_id", "=", registrationId).select(["session_id", "status"]).execute(),
  ]);
  const sessions = await listSessions(db, registration.edition_id);
  const seats = signups.filter((signup) => signup.status === "confirmed").map((signup) => signup.session_id);
  const agenda = agendaOf(sessions, seats);
  const left = new Set(signups.filter((signup) => signup.status === "cancelled").map((signup) => signup.session_id));
  const cancelled = sessions.filter((session) => left.has(session.id) && !agenda.includes(session));
  const calendar = agendaCalendar({
    language,
    publicUrl,
    name: translate(language, "site.name"),
    editions: [{ edition, sessions: agenda, sequence: registration.agenda_sequence, cancelled }],
    stamp: now,
  });
  const values = { name: person.given_name, year: person.year };
  const line = (session: Session) => `- ${agendaLine(session, language, edition.time_zone)}`;
  const mail = composeMail({
    language,
    subject: translate(language, "registration.mail.agenda.subject", values),
    paragraphs: [
      translate(language, "registration.mail.greeting", values),
      translate(language, "registration.mail.agenda.text", values),
      [translate(language, "registration.mail.agenda.list"), ...agenda.map(line)].join("\n"),
    ],
    action: { label: translate(language, "registration.mail.action"), url: publicUrl + paths.space(language) },
  });
  const attachments = [calendarAttachment(person.year, calendar)];
  await enqueueReplacing(db, `agenda:${registrationId}`, { to: person.email, language, ...mail, attachments }, new Date(now.getTime() + agendaUpdateDelayMs));
}
