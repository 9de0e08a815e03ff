import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { getEdition } from "~/features/editions/editions.server";
import { databaseKinds, useTestDatabase } from "~/test/database";
import { createEdition, createPerson, registrationRequest, signedInOrganiser } from "~/test/factories";
import { listQuestions } from "./questions.server";
import { parseAnswers } from "./form";
import { cancelRegistration, currentConsents, decideOnRegistration, register, registrationAnswers, updateRegistration } from "./registration.server";

describe.each(databaseKinds)("registration on %s", (kind) => {
  const database = useTestDatabase(kind, { demo: true });
  const db = () => database().db;

  const edition = (settings: { capacity?: number; approval?: boolean } = {}) => createEdition(db(), settings);

  const outboxFor = (email: string) =>
    db().selectFrom("mail_outbox").where("to_address", "=", email).select(["subject", "language", "attachments"]).orderBy("id").execute();

  it("accepts a registration only inside the window, on the server's clock", async () => {
    const editionId = await edition();
    const person = await createPerson(db());
    for (const now of ["2026-04-14T21:59:59Z", "2026-07-07T16:00:00Z"]) {
      await expect(register(db(), registrationRequest(editionId, person, { now: new Date(now) }))).rejects.toMatchObject({
        code: "registration_closed",
      });
    }
    const opening = await register(db(), registrationRequest(editionId, person, { now: new Date("2026-04-14T22:00:00Z") }));
    expect(opening.status).toBe("confirmed");
  });

  it("confirms, records consents with their text, and queues a confirmation with the agenda in the person's language", async () => {
    const editionId = (await getEdition(db(), 2026)).id;
    const person = await createPerson(db(), { language: "en" });
    const request = registrationRequest(editionId, person, {
      consents: { photos: true, share_contact: false, newsletter: true, health_data: false },
      consentTexts: { photos: "I agree to photos", share_contact: "Share", newsletter: "News", health_data: "Health" },
    });
    const { id, status } = await register(db(), request);
    expect(status).toBe("confirmed");
    const consents = await db().selectFrom("consent").where("registration_id", "=", id).select(["kind", "granted", "text_shown"]).orderBy("kind").execute();
    expect(consents).toContainEqual({ kind: "photos", granted: true, text_shown: "I agree to photos" });
    expect(consents).toContainEqual({ kind: "share_contact", granted: false, text_shown: "Share" });
    const [mail] = await outboxFor(person.email);
    expect(mail?.language).toBe("en");
    expect(mail?.subject).toMatch(/is confirmed/);
    expect(mail?.attachments[0]?.filename).toMatch(/\.ics$/);
    expect(Buffer.from(mail?.attachments[0]?.content ?? "", "base64").toString()).toContain("BEGIN:VEVENT");
  });

  it("refuses a second registration of the same person, but allows one after cancelling", async () => {
    const editionId = await edition();
    const person = await createPerson(db());
    const first = await register(db(), registrationRequest(editionId, person));
    await expect(register(db(), registrationRequest(editionId, person))).rejects.toMatchObject({ code: "already_registered" });
    await cancelRegistration(db(), { registrationId: first.id, personId: person.id, now: new Date("2026-05-02T00:00:00Z"), publicUrl: "https://x.org" });
    await expect(register(db(), registrationRequest(editionId, person))).resolves.toMatchObject({ status: "confirmed" });
  });

  it("holds registrations for approval when the edition asks for it", async () => {
    const editionId = await edition({ approval: true });
    const person = await createPerson(db());
    expect((await register(db(), registrationRequest(editionId, person))).status).toBe("pending");
    expect((await outboxFor(person.email))[0]?.subject).toMatch(/bien reçu/);
  });

  it("holds speakers, partners, the press and the organising team for approval, and confirms participants at once", async () => {
    const editionId = await edition();
    for (const category of ["speaker", "partner", "press", "staff"] as const) {
      const person = await createPerson(db());
      const request = registrationRequest(editionId, person);
      const { status } = await register(db(), { ...request, fields: { ...request.fields, category } });
      expect(status, category).toBe("pending");
    }
    expect((await register(db(), registrationRequest(editionId, await createPerson(db())))).status).toBe("confirmed");
  });

  it("confirms at once the categories an edition no longer holds for approval, and refuses an unknown category in the setting", async () => {
    const editionId = await edition();
    await db().updateTable("edition").set({ categories_requiring_approval: ["press"] }).where("id", "=", editionId).execute();
    const speaker = registrationRequest(editionId, await createPerson(db()));
    expect((await register(db(), { ...speaker, fields: { ...speaker.fields, category: "speaker" } })).status).toBe("confirmed");
    const press = registrationRequest(editionId, await createPerson(db()));
    expect((await register(db(), { ...press, fields: { ...press.fields, category: "press" } })).status).toBe("pending");
    await expect(
      db().updateTable("edition").set({ categories_requiring_approval: sql<string[]>`array['vip']` as never }).where("id", "=", editionId).execute(),
    ).rejects.toThrow();
  });

  it("refuses to turn a confirmed participant into a speaker by changing the form, leaving it unchanged", async () => {
    const editionId = await edition();
    const person = await createPerson(db());
    const request = registrationRequest(editionId, person);
    const { id } = await register(db(), request);
    await expect(
      updateRegistration(db(), { ...request, registrationId: id, fields: { ...request.fields, category: "speaker", job_title: "Oratrice" } }),
    ).rejects.toMatchObject({ code: "category_needs_approval" });
    const row = await db().selectFrom("registration").where("id", "=", id).select(["category", "status", "job_title"]).executeTakeFirstOrThrow();
    expect(row).toEqual({ category: "participant", status: "confirmed", job_title: request.fields.job_title });
    // A speaker already approved keeps changing other details freely.
    await db().updateTable("registration").set({ category: "speaker" }).where("id", "=", id).execute();
    await updateRegistration(db(), { ...request, registrationId: id, fields: { ...request.fields, category: "speaker", job_title: "Oratrice" } });
    expect((await db().selectFrom("registration").where("id", "=", id).select("job_title").executeTakeFirstOrThrow()).job_title).toBe("Oratrice");
  });

  it("stores a health answer only with its consent, and refuses it on its field without, never dropping it silently", async () => {
    const editionId = (await getEdition(db(), 2026)).id;
    const health = (await listQuestions(db(), editionId)).find((question) => question.health_data);
    if (!health) throw new Error("the demo edition asks about health");
    const answers = { [health.id]: "Wheelchair access" };
    const refused = parseAnswers([health], answers, false);
    expect(refused).toEqual({ answers: {}, errors: { [`q${health.id}`]: "registration.error.healthConsent" } });
    const given = parseAnswers([health], answers, true);
    expect(given.errors).toEqual({});
    const person = await createPerson(db());
    const request = registrationRequest(editionId, person);
    const { id } = await register(db(), { ...request, answers: given.answers, consents: { ...request.consents, health_data: true } });
    expect(await registrationAnswers(db(), id)).toEqual({ [health.id]: "Wheelchair access" });
  });

  it("waitlists past capacity and promotes the first in line, by e-mail, when a place frees", async () => {
    const editionId = await edition({ capacity: 2 });
    const people = await Promise.all([1, 2, 3, 4].map(() => createPerson(db())));
    const results = [];
    for (const person of people) results.push(await register(db(), registrationRequest(editionId, person)));
    expect(results.map((r) => r.status)).toEqual(["confirmed", "confirmed", "waitlisted", "waitlisted"]);
    const [first, , third] = people;
    const { promotedRegistrationId } = await cancelRegistration(db(), {
      registrationId: results[0]?.id ?? 0,
      personId: first?.id ?? 0,
      now: new Date("2026-05-03T00:00:00Z"),
      publicUrl: "https://x.org",
    });
    expect(promotedRegistrationId).toBe(results[2]?.id);
    const subjects = (await outboxFor(third?.email ?? "")).map((mail) => mail.subject);
    expect(subjects).toEqual([expect.stringMatching(/liste d'attente/), expect.stringMatching(/place s'est libérée/)]);
  });

  it("never lets a person cancel someone else's registration", async () => {
    const editionId = await edition();
    const owner = await createPerson(db());
    const intruder = await createPerson(db());
    const { id } = await register(db(), registrationRequest(editionId, owner));
    await expect(
      cancelRegistration(db(), { registrationId: id, personId: intruder.id, now: new Date("2026-05-02T00:00:00Z"), publicUrl: "https://x.org" }),
    ).rejects.toMatchObject({ code: "registration_not_found" });
    const row = await db().selectFrom("registration").where("id", "=", id).select("status").executeTakeFirstOrThrow();
    expect(row.status).toBe("confirmed");
  });

  it("keeps capacity under concurrent registrations", async () => {
    const editionId = await edition({ capacity: 10 });
    const people = await Promise.all(Array.from({ length: 40 }, () => createPerson(db())));
    const results = await Promise.all(people.map((person) => register(db(), registrationRequest(editionId, person))));
    expect(results.filter((r) => r.status === "confirmed")).toHaveLength(10);
    expect(results.filter((r) => r.status === "waitlisted")).toHaveLength(30);
    const count = await db()
      .selectFrom("registration")
      .where("edition_id", "=", editionId)
      .where("status", "=", "confirmed")
      .select(sql<number>`count(*)::int`.as("n"))
      .executeTakeFirstOrThrow();
    expect(count.n).toBe(10);
  });

  it("updates details and answers, keeps the sign-in address, and records only changed consents", async () => {
    const editionId = await edition();
    const person = await createPerson(db());
    const request = registrationRequest(editionId, person);
    const { id } = await register(db(), request);
    await updateRegistration(db(), {
      ...request,
      registrationId: id,
      fields: { ...request.fields, job_title: "Maire adjointe", email: "someone.else@example.org" },
      consents: { ...request.consents, newsletter: true },
    });
    const row = await db().selectFrom("registration").where("id", "=", id).select(["job_title", "email"]).executeTakeFirstOrThrow();
    expect(row).toEqual({ job_title: "Maire adjointe", email: person.email });
    const records = await db().selectFrom("consent").where("registration_id", "=", id).select("kind").execute();
    expect(records).toHaveLength(5);
    expect(await currentConsents(db(), id)).toMatchObject({ newsletter: true, photos: false });
    const intruder = await createPerson(db());
    await expect(updateRegistration(db(), { ...request, personId: intruder.id, registrationId: id })).rejects.toMatchObject({ code: "registration_not_found" });
  });

  it("lets organisers approve within capacity, waitlist beyond it, or refuse, telling each person", async () => {
    const editionId = await edition({ approval: true, capacity: 1 });
    const [first, second, third] = [await createPerson(db()), await createPerson(db()), await createPerson(db())];
    const ids = [];
    for (const person of [first, second, third]) ids.push((await register(db(), registrationRequest(editionId, person))).id);
    const { year } = await db().selectFrom("edition").where("id", "=", editionId).select("year").executeTakeFirstOrThrow();
    const { access } = await signedInOrganiser(db(), year);
    const decide = (registrationId: number | undefined, approve: boolean) =>
      decideOnRegistration(db(), access, { registrationId: registrationId ?? 0, approve, now: new Date("2026-05-02T00:00:00Z"), publicUrl: "https://x.org" });
    expect(await decide(ids[0], true)).toBe("confirmed");
    expect(await decide(ids[1], true)).toBe("waitlisted");
    expect(await decide(ids[2], false)).toBe("cancelled");
    await expect(decide(ids[0], true)).rejects.toMatchObject({ code: "not_awaiting_approval" });
    const subjects = (await outboxFor(first!.email)).map((mail) => mail.subject);
    expect(subjects).toEqual([expect.stringMatching(/bien reçu/), expect.stringMatching(/confirmée/)]);
    expect((await outboxFor(third!.email)).at(-1)?.subject).toMatch(/annulée/);
  });
});
