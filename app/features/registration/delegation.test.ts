import { describe, expect, it } from "vitest";
import { getEdition } from "~/features/editions/editions.server";
import { databaseKinds, useTestDatabase } from "~/test/database";
import { createPerson, personFields, registrationRequest } from "~/test/factories";
import { delegationOf, registerColleague } from "./delegation.server";
import { cancelRegistration, register } from "./registration.server";

describe.each(databaseKinds)("delegations on %s", (kind) => {
  const database = useTestDatabase(kind, { demo: true });
  const db = () => database().db;

  it("lets a lead register colleagues of the same organisation, each with their own account and e-mail", async () => {
    const edition = await getEdition(db(), 2026);
    const lead = await createPerson(db());
    await register(db(), registrationRequest(edition.id, lead));
    const colleagueEmail = `colleague.${Math.random()}@example.org`;
    const base = registrationRequest(edition.id, lead);
    const { id, status } = await registerColleague(db(), {
      ...base,
      leadPersonId: lead.id,
      fields: personFields({ email: colleagueEmail, organisation_name: "Ignored", given_name: "Alex" }),
    });
    expect(status).toBe("confirmed");
    const colleague = await db().selectFrom("registration").where("id", "=", id).selectAll().executeTakeFirstOrThrow();
    expect(colleague.organisation_name).toBe("Ville de Montpellier");
    expect(colleague.registered_by_person_id).toBe(lead.id);
    const account = await db().selectFrom("person").where("id", "=", colleague.person_id).select("email").executeTakeFirstOrThrow();
    expect(account.email).toBe(colleagueEmail);
    const mail = await db().selectFrom("mail_outbox").where("to_address", "=", colleagueEmail).select("subject").executeTakeFirst();
    expect(mail?.subject).toMatch(/confirmée/);

    const members = await delegationOf(db(), lead.id, edition.id);
    expect(members.map((m) => m.person_id)).toEqual([lead.id, colleague.person_id]);

    // The colleague manages their own registration; the lead can too; nobody else can.
    const stranger = await createPerson(db());
    const now = new Date("2026-05-02T00:00:00Z");
    await expect(cancelRegistration(db(), { registrationId: id, personId: stranger.id, now, publicUrl: "https://x.org" })).rejects.toMatchObject({
      code: "registration_not_found",
    });
    await cancelRegistration(db(), { registrationId: id, personId: colleague.person_id, now, publicUrl: "https://x.org" });
  });

  it("refuses a delegation to someone who is not registered", async () => {
    const edition = await getEdition(db(), 2026);
    const outsider = await createPerson(db());
    await expect(
      registerColleague(db(), { ...registrationRequest(edition.id, outsider), leadPersonId: outsider.id }),
    ).rejects.toMatchObject({ code: "delegation_lead_required" });
  });
});
