import type { Kysely } from "kysely";
import type { DB } from "~/db/schema";
import { acceptInvitation, inviteColleague, type AcceptanceRequest } from "~/features/registration/invitations.server";
import { registrationRequest } from "./factories";

/** The token of the latest invitation e-mailed to `email`, read from the outbox as the colleague would. */
export async function invitationTokenFor(db: Kysely<DB>, email: string): Promise<string> {
  const mail = await db
    .selectFrom("mail_outbox")
    .where("to_address", "=", email)
    .where("subject", "like", "Invitation%")
    .select("text_body")
    .orderBy("id", "desc")
    .executeTakeFirstOrThrow();
  const token = /[?&]token=([\w-]{43})/.exec(mail.text_body)?.[1];
  if (!token) throw new Error(`no invitation link in the e-mail to ${email}`);
  return token;
}

/** Invites `colleague` into `lead`'s delegation and returns the token of the e-mailed link. */
export async function invite(
  db: Kysely<DB>,
  editionId: number,
  lead: { id: number },
  colleague: { email: string; given_name?: string; family_name?: string },
  options: { language?: "fr" | "en"; now?: Date } = {},
): Promise<string> {
  await inviteColleague(db, {
    editionId,
    leadPersonId: lead.id,
    fields: { given_name: colleague.given_name ?? "Alex", family_name: colleague.family_name ?? "Invité", job_title: "", email: colleague.email },
    language: options.language ?? "fr",
    now: options.now ?? new Date("2026-05-01T10:00:00Z"),
    publicUrl: "https://rencontres.example.org",
  });
  return invitationTokenFor(db, colleague.email);
}

/** The colleague's acceptance of an invitation, with the form of `registrationRequest` (every consent refused). */
export function acceptance(editionId: number, token: string, colleague: { id: number; email: string }, overrides: Partial<AcceptanceRequest> = {}): AcceptanceRequest {
  const { personId: _personId, registeredByPersonId: _registeredBy, delegationId: _delegationId, ...request } = registrationRequest(editionId, colleague);
  return { ...request, token, invitee: { personId: colleague.id, email: colleague.email }, ...overrides };
}

/** Invites and accepts: the colleague registered in the lead's delegation. */
export async function inviteAndAccept(db: Kysely<DB>, editionId: number, lead: { id: number }, colleague: { id: number; email: string }, overrides: Partial<AcceptanceRequest> = {}) {
  const token = await invite(db, editionId, lead, colleague);
  return acceptInvitation(db, acceptance(editionId, token, colleague, overrides));
}
