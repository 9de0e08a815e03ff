import type { ExpressionBuilder, Kysely, Transaction } from "kysely";
import type { DB } from "~/db/schema";
import { countAttempt } from "~/features/accounts/rate-limit.server";
import { hashSecret, newSecret } from "~/features/accounts/secrets.server";
import { registrationWindow } from "~/features/editions/editions.server";
import { composeMail, inertText } from "~/features/mail/compose";
import { enqueueMail } from "~/features/mail/outbox.server";
import { isLanguage, type Language } from "~/i18n/languages";
import { translate, type MessageKey } from "~/i18n/translate";
import { AppError } from "~/lib/errors";
import { formatDate } from "~/lib/format";
import { paths } from "~/lib/paths";
import type { InvitationFields } from "./form";
import { insertRegistration, registrationMailsFor, type RegistrationRequest } from "./registration.server";

// A delegation lead invites colleagues; each colleague registers themselves by accepting.
// See docs/decisions/0016-delegation-invitations.md.

/** An invitation works this long, and never after the registration window closes. */
export const invitationLifetimeMs = 14 * 24 * 60 * 60 * 1000;
const rateWindowMs = 60 * 60 * 1000;
const rateKeyPrefix = "delegation-invitation-";
/** Invitations one lead may send per hour: a large delegation, not a mailing list. */
export const invitationsPerHour = 20;

/** An invitation neither accepted, declined nor withdrawn. */
const awaitingAnswer = (eb: ExpressionBuilder<DB, "delegation_invitation">) =>
  eb.and([eb("accepted_at", "is", null), eb("declined_at", "is", null), eb("withdrawn_at", "is", null)]);

/** The lead's active registration of the edition, which their colleagues join; locked when `forUpdate`. */
async function leadRegistration(db: Kysely<DB>, editionId: number, leadPersonId: number, forUpdate = false) {
  let query = db
    .selectFrom("registration")
    .where("edition_id", "=", editionId)
    .where("person_id", "=", leadPersonId)
    .where("status", "<>", "cancelled")
    .select(["id", "delegation_id", "given_name", "family_name", "organisation_name", "organisation_type", "city", "country_code"]);
  if (forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** The organisation a lead invites colleagues into; refused to someone not registered. */
export async function delegationLeadOf(db: Kysely<DB>, editionId: number, leadPersonId: number) {
  const lead = await leadRegistration(db, editionId, leadPersonId);
  if (!lead) throw new AppError("delegation_lead_required");
  return { organisationName: lead.organisation_name };
}

export interface InvitationRequest {
  editionId: number;
  leadPersonId: number;
  fields: InvitationFields;
  /** The language the lead chose for the colleague: the e-mail's, unless the colleague has an account in another. */
  language: Language;
  now: Date;
  publicUrl: string;
}

/** What became of an invitation: sent, or not needed as the address is already in the lead's delegation. */
export type InvitationOutcome = { sent: true } | { sent: false; alreadyInDelegation: string };

/**
 * Invites a colleague into the lead's delegation: stores the invitation (the hash of its secret
 * only) and queues one e-mail with the link. It answers the same whatever the address (unknown,
 * with an account, registered elsewhere, already invited), so that a lead learns nothing about
 * anyone; an earlier invitation from the same lead to the same address is replaced. Only an
 * address already registered in the lead's own delegation, which the lead's space lists anyway,
 * is answered with the name registered.
 */
export async function inviteColleague(db: Kysely<DB>, request: InvitationRequest): Promise<InvitationOutcome> {
  const lead = await leadRegistration(db, request.editionId, request.leadPersonId);
  if (!lead) throw new AppError("delegation_lead_required");
  const member = await memberOfDelegation(db, lead.delegation_id, request.fields.email);
  if (member) return { sent: false, alreadyInDelegation: `${member.given_name} ${member.family_name}` };
  const allowed = await countAttempt(
    db,
    { key: `${rateKeyPrefix}lead:${request.leadPersonId}`, limit: invitationsPerHour, windowMs: rateWindowMs },
    request.now,
  );
  if (!allowed) throw new AppError("invitation_rate_limited");
  const edition = await db
    .selectFrom("edition")
    .where("id", "=", request.editionId)
    .select(["year", "time_zone", "registration_opens_at", "registration_closes_at"])
    .executeTakeFirstOrThrow();
  const window = registrationWindow(edition, request.now);
  if (window.state !== "open") throw new AppError("registration_closed");

  const email = request.fields.email;
  const person = await db.selectFrom("person").where("email", "=", email).where("anonymised_at", "is", null).select("language").executeTakeFirst();
  const language: Language = person && isLanguage(person.language) ? person.language : request.language;
  const expiresAt = new Date(Math.min(request.now.getTime() + invitationLifetimeMs, window.closesAt.getTime()));
  const token = newSecret();
  const mail = invitationMail({
    language,
    year: edition.year,
    lead: `${lead.given_name} ${lead.family_name}`,
    organisation: lead.organisation_name,
    colleague: `${request.fields.given_name} ${request.fields.family_name}`,
    expiresOn: formatDate(expiresAt, language, edition.time_zone),
    url: `${request.publicUrl}${paths.invitation(language, edition.year)}?${new URLSearchParams({ token })}`,
  });
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable("delegation_invitation")
      .set({ withdrawn_at: request.now })
      .where("edition_id", "=", request.editionId)
      .where("lead_person_id", "=", request.leadPersonId)
      .where("email", "=", email)
      .where(awaitingAnswer)
      .execute();
    await tx
      .insertInto("delegation_invitation")
      .values({
        edition_id: request.editionId,
        lead_person_id: request.leadPersonId,
        given_name: request.fields.given_name,
        family_name: request.fields.family_name,
        job_title: request.fields.job_title,
        email,
        language,
        token_hash: hashSecret(token),
        created_at: request.now,
        expires_at: expiresAt,
      })
      .execute();
    await enqueueMail(tx, { to: email, language, ...mail });
  });
  return { sent: true };
}

/** The active registration of `email` in a delegation, if any. */
async function memberOfDelegation(db: Kysely<DB>, delegationId: number | null, email: string) {
  if (delegationId === null) return undefined;
  return db
    .selectFrom("registration")
    .where("delegation_id", "=", delegationId)
    .where("email", "=", email)
    .where("status", "<>", "cancelled")
    .select(["given_name", "family_name"])
    .executeTakeFirst();
}

/**
 * The invitation e-mail: fixed copy, with the names people typed on lines of their own (the lead
 * and their organisation on the first line of the paragraph that says who invites), shortened
 * and made inert (never a link), and none of them in the subject.
 */
function invitationMail(values: { language: Language; year: number; lead: string; organisation: string; colleague: string; expiresOn: string; url: string }) {
  const { language, year } = values;
  const t = (key: MessageKey, more: Record<string, string> = {}) => translate(language, key, { year, date: values.expiresOn, ...more });
  return composeMail({
    language,
    subject: t("registration.invitation.mail.subject"),
    paragraphs: [
      t("registration.invitation.mail.greeting"),
      [
        t("registration.invitation.mail.from", { name: inertText(values.lead), organisation: inertText(values.organisation) }),
        t("registration.invitation.mail.intro"),
      ].join("\n"),
      t("registration.invitation.mail.invitee", { name: inertText(values.colleague) }),
      t("registration.invitation.mail.explain"),
      t("registration.invitation.mail.validity"),
    ],
    action: { label: t("registration.invitation.mail.action"), url: values.url },
  });
}

/** Who may use an invitation: the signed-in person, with their sign-in address. */
export interface Invitee {
  personId: number;
  email: string;
}

async function invitationByToken(db: Kysely<DB>, editionId: number, token: string, forUpdate = false) {
  let query = db
    .selectFrom("delegation_invitation")
    .where("token_hash", "=", hashSecret(token))
    // A token names one edition: shown under another, it names nothing.
    .where("edition_id", "=", editionId)
    .selectAll();
  if (forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

type InvitationRow = NonNullable<Awaited<ReturnType<typeof invitationByToken>>>;

/**
 * Refuses an invitation that the invitee cannot use. The address is checked first, so that
 * someone else holding the link learns nothing of what became of it.
 */
function checkUsable(invitation: InvitationRow | undefined, invitee: Invitee, now: Date): asserts invitation is InvitationRow {
  if (!invitation) throw new AppError("invitation_not_found", "no such invitation");
  if (invitation.email !== invitee.email.toLowerCase()) throw new AppError("invitation_wrong_person");
  if (invitation.withdrawn_at) throw new AppError("invitation_withdrawn");
  if (invitation.accepted_at || invitation.declined_at) throw new AppError("invitation_answered");
  if (invitation.expires_at <= now) throw new AppError("invitation_expired");
}

async function registeredIn(db: Kysely<DB>, editionId: number, personId: number): Promise<boolean> {
  const row = await db
    .selectFrom("registration")
    .where("edition_id", "=", editionId)
    .where("person_id", "=", personId)
    .where("status", "<>", "cancelled")
    .select("id")
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * What the invitee sees of their invitation: who invited them, into which organisation, the
 * name the lead typed (to start their form with), and whether they are registered already.
 */
export async function invitationFor(db: Kysely<DB>, request: { editionId: number; token: string; invitee: Invitee; now: Date }) {
  const invitation = await invitationByToken(db, request.editionId, request.token);
  checkUsable(invitation, request.invitee, request.now);
  const lead = await leadRegistration(db, request.editionId, invitation.lead_person_id);
  // A lead who cancelled their own registration has no delegation left to join.
  if (!lead) throw new AppError("invitation_withdrawn");
  return {
    leadName: `${lead.given_name} ${lead.family_name}`,
    organisationName: lead.organisation_name,
    organisationType: lead.organisation_type,
    countryCode: lead.country_code,
    givenName: invitation.given_name,
    familyName: invitation.family_name,
    jobTitle: invitation.job_title,
    expiresAt: invitation.expires_at,
    alreadyRegistered: await registeredIn(db, request.editionId, request.invitee.personId),
  };
}

/** The registration the invitee fills in; the organisation is the lead's, whatever the form says. */
export type AcceptanceRequest = Omit<RegistrationRequest, "personId" | "registeredByPersonId" | "delegationId"> & { token: string; invitee: Invitee };

/**
 * Accepts an invitation: registers the invitee, with their own answers and consents, in the
 * lead's delegation (created with the first acceptance). The invitation row is locked first,
 * so that two acceptances of one invitation cannot both succeed.
 */
export async function acceptInvitation(db: Kysely<DB>, request: AcceptanceRequest): Promise<{ id: number; status: string }> {
  const registration = { ...request, personId: request.invitee.personId, registeredByPersonId: request.invitee.personId };
  const mailFor = await registrationMailsFor(db, registration);
  return db.transaction().execute(async (tx) => {
    const invitation = await invitationByToken(tx, request.editionId, request.token, true);
    checkUsable(invitation, request.invitee, request.now);
    // The edition's counter before any registration row, in the order every registration change takes (lockEdition).
    await tx.selectFrom("registration_counter").where("edition_id", "=", request.editionId).select("edition_id").forUpdate().execute();
    const lead = await leadRegistration(tx, request.editionId, invitation.lead_person_id, true);
    if (!lead) throw new AppError("invitation_withdrawn");
    if (await registeredIn(tx, request.editionId, request.invitee.personId)) throw new AppError("invitation_already_registered");
    const delegationId = lead.delegation_id ?? (await createDelegation(tx, request.editionId, invitation.lead_person_id, lead));
    const created = await insertRegistration(
      tx,
      {
        ...registration,
        fields: {
          ...request.fields,
          email: request.invitee.email,
          organisation_name: lead.organisation_name,
          organisation_type: lead.organisation_type,
          city: lead.city,
          country_code: lead.country_code,
        },
        delegationId,
      },
      mailFor,
    );
    await tx
      .updateTable("delegation_invitation")
      .set({ accepted_at: request.now, registration_id: created.id })
      .where("id", "=", invitation.id)
      .execute();
    return created;
  });
}

async function createDelegation(tx: Transaction<DB>, editionId: number, leadPersonId: number, lead: { id: number; organisation_name: string }) {
  const { id } = await tx
    .insertInto("delegation")
    .values({ edition_id: editionId, lead_person_id: leadPersonId, organisation_name: lead.organisation_name })
    .returning("id")
    .executeTakeFirstOrThrow();
  await tx.updateTable("registration").set({ delegation_id: id }).where("id", "=", lead.id).execute();
  return id;
}

/** Declines an invitation: its link stops working, and the lead sees it no longer. */
export async function declineInvitation(db: Kysely<DB>, request: { editionId: number; token: string; invitee: Invitee; now: Date }): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const invitation = await invitationByToken(tx, request.editionId, request.token, true);
    checkUsable(invitation, request.invitee, request.now);
    await tx.updateTable("delegation_invitation").set({ declined_at: request.now }).where("id", "=", invitation.id).execute();
  });
}

/** Withdraws one of the lead's invitations still awaiting an answer; anyone else's is not found. */
export async function withdrawInvitation(db: Kysely<DB>, request: { invitationId: number; leadPersonId: number; now: Date }): Promise<void> {
  const withdrawn = await db
    .updateTable("delegation_invitation")
    .set({ withdrawn_at: request.now })
    .where("id", "=", request.invitationId)
    .where("lead_person_id", "=", request.leadPersonId)
    .where(awaitingAnswer)
    .returning("id")
    .executeTakeFirst();
  if (!withdrawn) throw new AppError("invitation_not_found", "no such invitation for this lead");
}

/** The lead's invitations of an edition still awaiting an answer, oldest first. */
export async function pendingInvitationsOf(db: Kysely<DB>, leadPersonId: number, editionIds: number[], now: Date) {
  if (editionIds.length === 0) return [];
  return db
    .selectFrom("delegation_invitation")
    .where("lead_person_id", "=", leadPersonId)
    .where("edition_id", "in", editionIds)
    .where(awaitingAnswer)
    .where("expires_at", ">", now)
    .select(["id", "edition_id", "given_name", "family_name", "email", "created_at", "expires_at"])
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}
