import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { hashSecret } from "~/features/accounts/secrets.server";
import { getEdition } from "~/features/editions/editions.server";
import { TextWithLinks } from "~/features/mail/text-with-links";
import { databaseKinds, useTestDatabase } from "~/test/database";
import { createEdition, createPerson, personFields, registrationRequest } from "~/test/factories";
import { acceptance, invite, inviteAndAccept, invitationTokenFor } from "~/test/invitations";
import { registrationFor } from "./access.server";
import { delegationsLedBy } from "./delegation.server";
import {
  acceptInvitation,
  declineInvitation,
  invitationFor,
  invitationsPerHour,
  inviteColleague,
  pendingInvitationsOf,
  withdrawInvitation,
} from "./invitations.server";
import { deleteAccount } from "./personal-data.server";
import { cancelRegistration, register, updateRegistration } from "./registration.server";
import { signUp } from "./signups.server";

const now = new Date("2026-05-01T10:00:00Z");
const publicUrl = "https://rencontres.example.org";

describe.each(databaseKinds)("delegation invitations on %s", (kind) => {
  const database = useTestDatabase(kind, { demo: true });
  const db = () => database().db;

  /** A person registered for `editionId`, in "Ville de Montpellier", ready to invite colleagues. */
  async function lead(editionId: number, language: "fr" | "en" = "fr") {
    const person = await createPerson(db(), { language });
    const { id } = await register(db(), registrationRequest(editionId, person, { fields: personFields({ email: person.email, given_name: "Awa", family_name: "Diallo" }) }));
    return { ...person, registrationId: id };
  }

  const invitationRow = (token: string) =>
    db().selectFrom("delegation_invitation").where("token_hash", "=", hashSecret(token)).selectAll().executeTakeFirstOrThrow();

  it("creates an invitation and nothing else until the colleague accepts, with their own answers and consents, in the lead's delegation", async () => {
    const editionId = await createEdition(db());
    const awa = await lead(editionId);
    const email = `moussa.${kind}.${Math.random()}@example.org`;
    const token = await invite(db(), editionId, awa, { email, given_name: "Moussa", family_name: "Ndiaye" });

    // Only the hash of the secret is kept; no person, registration or delegation exists yet.
    const row = await invitationRow(token);
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row).toMatchObject({ lead_person_id: awa.id, email, given_name: "Moussa", language: "fr", accepted_at: null });
    expect(row.expires_at.getTime()).toBe(now.getTime() + 14 * 24 * 3600 * 1000);
    expect(await db().selectFrom("person").where("email", "=", email).select("id").executeTakeFirst()).toBeUndefined();
    expect(await db().selectFrom("delegation").where("lead_person_id", "=", awa.id).select("id").executeTakeFirst()).toBeUndefined();
    expect(await pendingInvitationsOf(db(), awa.id, [editionId], now)).toMatchObject([{ given_name: "Moussa", family_name: "Ndiaye", email }]);

    const moussa = await createPerson(db(), { email });
    await expect(invitationFor(db(), { editionId, token, invitee: { personId: moussa.id, email }, now })).resolves.toMatchObject({
      leadName: "Awa Diallo",
      organisationName: "Ville de Montpellier",
      givenName: "Moussa",
      alreadyRegistered: false,
    });
    const { id } = await acceptInvitation(
      db(),
      acceptance(editionId, token, moussa, {
        fields: personFields({ email: "forged@example.org", given_name: "Moussa", organisation_name: "Forged" }),
        consents: { photos: true, share_contact: false, newsletter: false, health_data: false },
      }),
    );
    const registration = await db().selectFrom("registration").where("id", "=", id).selectAll().executeTakeFirstOrThrow();
    expect(registration).toMatchObject({ person_id: moussa.id, email, organisation_name: "Ville de Montpellier", registered_by_person_id: moussa.id });
    const consents = await db().selectFrom("consent").where("registration_id", "=", id).select(["kind", "granted", "given_by_person_id"]).execute();
    expect(consents).toHaveLength(4);
    expect(consents.every((consent) => consent.given_by_person_id === moussa.id)).toBe(true);
    expect(consents.find((consent) => consent.kind === "photos")?.granted).toBe(true);
    expect((await invitationRow(token)).registration_id).toBe(id);
    expect(await pendingInvitationsOf(db(), awa.id, [editionId], now)).toEqual([]);
    expect((await delegationsLedBy(db(), awa.id, [editionId])).map((member) => member.person_id)).toEqual([awa.id, moussa.id]);
  });

  it("records who gave each consent, on registering and on changing a registration", async () => {
    const person = await createPerson(db());
    const { id } = await register(db(), registrationRequest((await getEdition(db(), 2026)).id, person));
    await updateRegistration(db(), {
      ...registrationRequest(0, person, { consents: { photos: true, share_contact: true, newsletter: false, health_data: false } }),
      registrationId: id,
    });
    const rows = await db().selectFrom("consent").where("registration_id", "=", id).select("given_by_person_id").execute();
    expect(rows).toHaveLength(6);
    expect(rows.every((row) => row.given_by_person_id === person.id)).toBe(true);
  });

  it("lets the lead see the names and status of the delegation and cancel a place, but not read or change a colleague's registration", async () => {
    const editionId = (await getEdition(db(), 2026)).id;
    const awa = await lead(editionId);
    const moussa = await createPerson(db());
    const { id } = await inviteAndAccept(db(), editionId, awa, moussa);

    await expect(registrationFor(db(), id, awa.id)).rejects.toMatchObject({ code: "registration_not_found" });
    await expect(updateRegistration(db(), { ...registrationRequest(editionId, awa), registrationId: id })).rejects.toMatchObject({ code: "registration_not_found" });
    await expect(signUp(db(), { registrationId: id, sessionId: 1, personId: awa.id, now, publicUrl: "https://x.org" })).rejects.toMatchObject({ code: "registration_not_found" });
    await expect(registrationFor(db(), id, moussa.id)).resolves.toMatchObject({ id });

    const stranger = await createPerson(db());
    await expect(cancelRegistration(db(), { registrationId: id, personId: stranger.id, now, publicUrl })).rejects.toMatchObject({ code: "registration_not_found" });
    await cancelRegistration(db(), { registrationId: id, personId: awa.id, now, publicUrl });
    expect((await delegationsLedBy(db(), awa.id, [editionId])).find((member) => member.id === id)?.status).toBe("cancelled");
  });

  it("tells the colleague by e-mail which lead cancelled their registration, and sends the lead a copy in the lead's language", async () => {
    const editionId = (await getEdition(db(), 2026)).id;
    const awa = await lead(editionId, "en");
    const amina = await createPerson(db(), { email: `amina.${kind}@example.org`, language: "fr" });
    const { id } = await inviteAndAccept(db(), editionId, awa, amina, {
      fields: personFields({ email: amina.email, given_name: "Amina", family_name: "Kane" }),
    });
    await cancelRegistration(db(), { registrationId: id, personId: awa.id, now, publicUrl });
    const mails = await db()
      .selectFrom("mail_outbox")
      .where("to_address", "in", [amina.email, awa.email])
      .where((eb) => eb.or([eb("subject", "like", "%cancelled%"), eb("subject", "like", "%annulée%")]))
      .select(["to_address", "language", "subject", "text_body"])
      .orderBy("id")
      .execute();
    const toAmina = mails.filter((mail) => mail.to_address === amina.email);
    const toAwa = mails.filter((mail) => mail.to_address === awa.email);
    expect(toAmina).toHaveLength(1);
    expect(toAmina[0]).toMatchObject({ language: "fr", subject: "Votre inscription aux Rencontres 2026 est annulée" });
    expect(toAmina[0]?.text_body).toContain(
      "Awa Diallo (Ville de Montpellier), qui gère votre délégation, a annulé votre inscription aux Rencontres 2026",
    );
    expect(toAwa).toHaveLength(1);
    expect(toAwa[0]).toMatchObject({ language: "en", subject: "Copy: Your registration for the Rencontres 2026 is cancelled" });
    expect(toAwa[0]?.text_body.replaceAll("\u200b", "")).toContain(`A copy of the e-mail sent to Amina Kane (${amina.email}):\n\nHello Amina,`);
    expect(toAwa[0]?.text_body).toContain("Awa Diallo (Ville de Montpellier), who leads your delegation, has cancelled your registration");

    // Someone who cancels their own registration gets the usual e-mail, and nobody a copy.
    const before = await db().selectFrom("mail_outbox").where("to_address", "=", awa.email).select("id").execute();
    await cancelRegistration(db(), { registrationId: awa.registrationId, personId: awa.id, now, publicUrl });
    const after = await db().selectFrom("mail_outbox").where("to_address", "=", awa.email).select(["id", "text_body"]).orderBy("id").execute();
    expect(after).toHaveLength(before.length + 1);
    expect(after.at(-1)?.text_body).toContain("Your registration for the Rencontres 2026 is cancelled, and so are your workshop seats.");
  });

  it("names a colleague already registered in the lead's own delegation instead of inviting them again", async () => {
    const editionId = await createEdition(db());
    const awa = await lead(editionId);
    const paul = await createPerson(db(), { email: `paul.${kind}@example.org` });
    await inviteAndAccept(db(), editionId, awa, paul, { fields: personFields({ email: paul.email, given_name: "Paul", family_name: "Durand" }) });
    const mailsBefore = await db().selectFrom("mail_outbox").where("to_address", "=", paul.email).select("id").execute();
    const request = { editionId, leadPersonId: awa.id, fields: { given_name: "P", family_name: "D", job_title: "", email: paul.email }, language: "fr" as const, now, publicUrl };
    await expect(inviteColleague(db(), request)).resolves.toEqual({ sent: false, alreadyInDelegation: "Paul Durand" });
    expect(await db().selectFrom("mail_outbox").where("to_address", "=", paul.email).select("id").execute()).toHaveLength(mailsBefore.length);
    // Registered in someone else's delegation, or alone, the answer is the usual one.
    const other = await lead(editionId);
    await expect(inviteColleague(db(), { ...request, leadPersonId: other.id })).resolves.toEqual({ sent: true });
  });

  it("answers the lead the same whatever the address: unknown, with an account, registered or already invited", async () => {
    const editionId = await createEdition(db());
    const awa = await lead(editionId);
    const registered = await lead(editionId);
    const withAccount = await createPerson(db());
    const addresses = [`unknown.${kind}@example.org`, withAccount.email, registered.email, registered.email, awa.email];
    for (const email of addresses) {
      await expect(
        inviteColleague(db(), { editionId, leadPersonId: awa.id, fields: { given_name: "A", family_name: "B", job_title: "", email }, language: "fr", now, publicUrl }),
      ).resolves.toEqual({ sent: true });
    }
    // Each address has one invitation awaiting an answer (a second one replaces the first) and one e-mail per invitation.
    expect((await pendingInvitationsOf(db(), awa.id, [editionId], now)).map((invitation) => invitation.email).sort()).toEqual(
      [...new Set(addresses)].sort(),
    );
    // Someone registered already is told so, and their registration stays as it was.
    const token = await invitationTokenFor(db(), registered.email);
    await expect(invitationFor(db(), { editionId, token, invitee: { personId: registered.id, email: registered.email }, now })).resolves.toMatchObject({
      alreadyRegistered: true,
    });
    await expect(acceptInvitation(db(), acceptance(editionId, token, registered))).rejects.toMatchObject({ code: "invitation_already_registered" });
  });

  it("writes the e-mail in the colleague's own language when they have an account, otherwise in the lead's page's", async () => {
    const editionId = (await getEdition(db(), 2026)).id;
    const awa = await lead(editionId);
    const english = await createPerson(db(), { language: "en" });
    await invite(db(), editionId, awa, english, { language: "fr" });
    const newcomer = `newcomer.${kind}@example.org`;
    await invite(db(), editionId, awa, { email: newcomer }, { language: "en" });
    const mails = await db().selectFrom("mail_outbox").where("to_address", "in", [english.email, newcomer]).select(["to_address", "language", "subject", "text_body"]).execute();
    expect(mails).toHaveLength(2);
    for (const mail of mails) {
      expect(mail.language).toBe("en");
      expect(mail.subject).toBe("Invitation to the Rencontres 2026");
      expect(mail.text_body).toContain(`${publicUrl}/en/2026/invitation?token=`);
    }
  });

  it("quotes the names people typed as inert text, one line each, and never in the subject", async () => {
    const editionId = (await getEdition(db(), 2026)).id;
    const awa = await lead(editionId);
    const email = `target.${kind}@example.org`;
    await invite(db(), editionId, awa, { email, given_name: "Jo. URGENT: confirm at https://evil.example", family_name: "X".repeat(100) });
    const mail = await db().selectFrom("mail_outbox").where("to_address", "=", email).selectAll().executeTakeFirstOrThrow();
    expect(mail.subject).toBe("Invitation aux Rencontres 2026");
    for (const body of [mail.text_body, mail.html_body]) {
      expect(body).not.toContain("https://evil.example");
      expect(body).not.toContain("evil.example");
    }
    const nameLine = mail.text_body.split("\n").find((line) => line.startsWith("Invitation pour"));
    expect(nameLine?.replaceAll("\u200b", "")).toMatch(/^Invitation pour\u202f: Jo\. URGENT: confirm at https:\/\/evil\.example X+…$/);
    expect([...(nameLine ?? "").replaceAll("\u200b", "")].length).toBeLessThanOrEqual("Invitation pour\u202f: ".length + 80);
    expect(mail.text_body).toContain("Awa Diallo (Ville de Montpellier)\nvous invite à vous inscrire aux Rencontres 2026 dans la délégation de son organisation.");
    // In the development mailbox, only the invitation link is a link.
    const links = [...renderToStaticMarkup(createElement(TextWithLinks, { text: mail.text_body })).matchAll(/<a href="([^"]+)"/g)].map((match) => match[1]);
    expect(links).toHaveLength(1);
    expect(links[0]).toMatch(/^https:\/\/rencontres\.example\.org\/fr\/2026\/invitation\?token=/);
  });

  it("refuses an invitation to anyone but the signed-in person of its address, and says nothing more to them", async () => {
    const editionId = await createEdition(db());
    const awa = await lead(editionId);
    const invited = await createPerson(db());
    const token = await invite(db(), editionId, awa, invited);
    const intruder = await createPerson(db());
    const asIntruder = { personId: intruder.id, email: intruder.email };
    await expect(invitationFor(db(), { editionId, token, invitee: asIntruder, now })).rejects.toMatchObject({ code: "invitation_wrong_person" });
    await expect(acceptInvitation(db(), acceptance(editionId, token, intruder))).rejects.toMatchObject({ code: "invitation_wrong_person" });
    await expect(declineInvitation(db(), { editionId, token, invitee: asIntruder, now })).rejects.toMatchObject({ code: "invitation_wrong_person" });
    // Even once answered, the intruder learns nothing about what became of it.
    await acceptInvitation(db(), acceptance(editionId, token, invited));
    await expect(invitationFor(db(), { editionId, token, invitee: asIntruder, now })).rejects.toMatchObject({ code: "invitation_wrong_person" });
    expect(await db().selectFrom("registration").where("person_id", "=", intruder.id).select("id").executeTakeFirst()).toBeUndefined();
  });

  it("knows a token under its own edition only, and no made-up token", async () => {
    const editionId = await createEdition(db());
    const otherEditionId = await createEdition(db());
    const awa = await lead(editionId);
    const invited = await createPerson(db());
    const token = await invite(db(), editionId, awa, invited);
    const invitee = { personId: invited.id, email: invited.email };
    await expect(invitationFor(db(), { editionId: otherEditionId, token, invitee, now })).rejects.toMatchObject({ code: "invitation_not_found" });
    await expect(acceptInvitation(db(), acceptance(otherEditionId, token, invited))).rejects.toMatchObject({ code: "invitation_not_found" });
    await expect(invitationFor(db(), { editionId, token: "A".repeat(43), invitee, now })).rejects.toMatchObject({ code: "invitation_not_found" });
  });

  it("refuses an expired invitation, and never lets one outlive the registration window", async () => {
    const editionId = await createEdition(db());
    const edition = await db().selectFrom("edition").where("id", "=", editionId).select("registration_closes_at").executeTakeFirstOrThrow();
    const awa = await lead(editionId);
    const invited = await createPerson(db());
    const token = await invite(db(), editionId, awa, invited);
    const later = new Date(now.getTime() + 14 * 24 * 3600 * 1000);
    await expect(invitationFor(db(), { editionId, token, invitee: { personId: invited.id, email: invited.email }, now: later })).rejects.toMatchObject({
      code: "invitation_expired",
    });
    await expect(acceptInvitation(db(), acceptance(editionId, token, invited, { now: later }))).rejects.toMatchObject({ code: "invitation_expired" });

    const lateInvited = await createPerson(db());
    const nearClose = new Date(edition.registration_closes_at.getTime() - 3600 * 1000);
    const lateToken = await invite(db(), editionId, awa, lateInvited, { now: nearClose });
    expect((await invitationRow(lateToken)).expires_at).toEqual(edition.registration_closes_at);
    await expect(invite(db(), editionId, awa, lateInvited, { now: edition.registration_closes_at })).rejects.toMatchObject({ code: "registration_closed" });
  });

  it("accepts an invitation once only, even when two acceptances arrive together", async () => {
    const editionId = await createEdition(db());
    const awa = await lead(editionId);
    const invited = await createPerson(db());
    const token = await invite(db(), editionId, awa, invited);
    const outcomes = await Promise.allSettled([acceptInvitation(db(), acceptance(editionId, token, invited)), acceptInvitation(db(), acceptance(editionId, token, invited))]);
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
    const refused = outcomes.find((outcome) => outcome.status === "rejected");
    // The loser waited on the invitation's lock (PostgreSQL) or came after (PGlite, one connection).
    expect((refused as PromiseRejectedResult).reason).toMatchObject({ code: "invitation_answered" });
    await expect(acceptInvitation(db(), acceptance(editionId, token, invited))).rejects.toMatchObject({ code: "invitation_answered" });
    await expect(declineInvitation(db(), { editionId, token, invitee: { personId: invited.id, email: invited.email }, now })).rejects.toMatchObject({
      code: "invitation_answered",
    });
    expect(await db().selectFrom("registration").where("person_id", "=", invited.id).select("id").execute()).toHaveLength(1);
    expect(await db().selectFrom("delegation").where("lead_person_id", "=", awa.id).select("id").execute()).toHaveLength(1);
  });

  it("lets the colleague decline, and the lead withdraw their own invitation but nobody else's", async () => {
    const editionId = await createEdition(db());
    const awa = await lead(editionId);
    const otherLead = await lead(editionId);
    const declining = await createPerson(db());
    const declinedToken = await invite(db(), editionId, awa, declining);
    await declineInvitation(db(), { editionId, token: declinedToken, invitee: { personId: declining.id, email: declining.email }, now });
    await expect(acceptInvitation(db(), acceptance(editionId, declinedToken, declining))).rejects.toMatchObject({ code: "invitation_answered" });

    const withdrawn = await createPerson(db());
    const withdrawnToken = await invite(db(), editionId, awa, withdrawn);
    const [pending] = await pendingInvitationsOf(db(), awa.id, [editionId], now);
    await expect(withdrawInvitation(db(), { invitationId: pending?.id ?? 0, leadPersonId: otherLead.id, now })).rejects.toMatchObject({ code: "invitation_not_found" });
    await withdrawInvitation(db(), { invitationId: pending?.id ?? 0, leadPersonId: awa.id, now });
    await expect(withdrawInvitation(db(), { invitationId: pending?.id ?? 0, leadPersonId: awa.id, now })).rejects.toMatchObject({ code: "invitation_not_found" });
    await expect(acceptInvitation(db(), acceptance(editionId, withdrawnToken, withdrawn))).rejects.toMatchObject({ code: "invitation_withdrawn" });

    // A newer invitation to the same address replaces the older one.
    const first = await invite(db(), editionId, awa, withdrawn);
    const second = await invite(db(), editionId, awa, withdrawn);
    await expect(acceptInvitation(db(), acceptance(editionId, first, withdrawn))).rejects.toMatchObject({ code: "invitation_withdrawn" });
    await expect(acceptInvitation(db(), acceptance(editionId, second, withdrawn))).resolves.toMatchObject({ status: "confirmed" });
  });

  it("refuses invitations from someone who is not registered, and makes those of a lead who cancels unusable", async () => {
    const editionId = await createEdition(db());
    const outsider = await createPerson(db());
    await expect(invite(db(), editionId, outsider, { email: `x.${kind}@example.org` })).rejects.toMatchObject({ code: "delegation_lead_required" });
    const awa = await lead(editionId);
    const invited = await createPerson(db());
    const token = await invite(db(), editionId, awa, invited);
    await cancelRegistration(db(), { registrationId: awa.registrationId, personId: awa.id, now, publicUrl });
    await expect(acceptInvitation(db(), acceptance(editionId, token, invited))).rejects.toMatchObject({ code: "invitation_withdrawn" });
  });

  it(`allows ${invitationsPerHour} invitations per lead and hour`, async () => {
    const editionId = await createEdition(db());
    const awa = await lead(editionId);
    const other = await lead(editionId);
    const send = (leadId: number, n: number) =>
      inviteColleague(db(), {
        editionId,
        leadPersonId: leadId,
        fields: { given_name: "A", family_name: "B", job_title: "", email: `flood${n}.${leadId}.${kind}@example.org` },
        language: "fr",
        now,
        publicUrl,
      });
    for (let n = 0; n < invitationsPerHour; n++) await send(awa.id, n);
    await expect(send(awa.id, invitationsPerHour)).rejects.toMatchObject({ code: "invitation_rate_limited" });
    await expect(send(other.id, 0)).resolves.toEqual({ sent: true });
    const mails = await db().selectFrom("mail_outbox").where("to_address", "like", `flood%.${awa.id}.${kind}@example.org`).select("id").execute();
    expect(mails).toHaveLength(invitationsPerHour);
  });

  it("erases the invitations addressed to, or sent by, a person who deletes their account", async () => {
    const editionId = await createEdition(db());
    const awa = await lead(editionId);
    const invited = await createPerson(db());
    await invite(db(), editionId, awa, invited);
    await deleteAccount(db(), { personId: invited.id, now, publicUrl });
    expect(await db().selectFrom("delegation_invitation").where("email", "=", invited.email).select("id").execute()).toEqual([]);

    await invite(db(), editionId, awa, { email: `left.${kind}@example.org` });
    await deleteAccount(db(), { personId: awa.id, now, publicUrl });
    expect(await db().selectFrom("delegation_invitation").where("lead_person_id", "=", awa.id).select("id").execute()).toEqual([]);
  });
});
