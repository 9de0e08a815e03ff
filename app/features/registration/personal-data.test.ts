import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { sessionCookie } from "~/features/accounts/auth.server";
import { hashSecret, newSecret } from "~/features/accounts/secrets.server";
import { openSignInSession } from "~/features/accounts/sign-in-sessions.server";
import { getEdition } from "~/features/editions/editions.server";
import { paths } from "~/lib/paths";
import { loader as personalDataLoader } from "~/routes/personal-data";
import { databaseKinds, useTestDatabase } from "~/test/database";
import { createEdition, createPerson, personFields, registrationRequest } from "~/test/factories";
import { inviteAndAccept } from "~/test/invitations";
import { newReference } from "./confirmation.server";
import { createCalendarFeed, personalFeed } from "./calendar-feed.server";
import { deleteAccount, exportPersonalData } from "./personal-data.server";
import { register } from "./registration.server";
import { signUp } from "./signups.server";

const now = new Date("2026-05-10T08:00:00Z");
const publicUrl = "https://rencontres.example.org";
const env = { PUBLIC_URL: publicUrl };

describe.each(databaseKinds)("personal data on %s", (kind) => {
  const database = useTestDatabase(kind, { demo: true });
  const db = () => database().db;
  let unique = 0;
  const surname = (prefix: string) => `${prefix}-${kind}-${++unique}`;

  /** A fresh edition with the 2026 window, `capacity` seats and one question. */
  async function editionWithSeats(capacity: number) {
    const id = await createEdition(db(), { capacity });
    await db()
      .insertInto("registration_question")
      .values({ edition_id: id, kind: "yes_no", label: JSON.stringify({ fr: "Déjeuner ?", en: "Lunch?" }), required: true })
      .execute();
    return id;
  }

  async function lunchQuestion(editionId: number) {
    const question = await db().selectFrom("registration_question").where("edition_id", "=", editionId).where("kind", "=", "yes_no").select("id").executeTakeFirstOrThrow();
    return question.id;
  }

  /** A person registered for `editionId` under a family name of their own, with an answer and a consent. */
  async function registered(editionId: number, language: "fr" | "en" = "en") {
    const person = await createPerson(db(), { language });
    const familyName = surname("Registrant");
    const request = registrationRequest(editionId, person, {
      language,
      fields: personFields({ email: person.email, family_name: familyName, phone: "+33 6 12 34 56 78" }),
      answers: { [await lunchQuestion(editionId)]: "yes" },
      consents: { photos: true, share_contact: false, newsletter: false, health_data: false },
      consentTexts: { photos: "I agree to be photographed", share_contact: "Contact", newsletter: "Newsletter", health_data: "Health" },
    });
    const { id, status } = await register(db(), request);
    return { ...person, familyName, registrationId: id, status };
  }

  /** A lead of 2026 with a workshop seat, a session, a calendar feed and a sign-in link; and a colleague who accepted their invitation. */
  async function leadWithColleague() {
    const edition = await getEdition(db(), 2026);
    const lead = await registered(edition.id);
    const colleagueEmail = `colleague.${surname("c").toLowerCase()}@example.org`;
    const colleagueFamilyName = surname("Colleague");
    const invited = await createPerson(db(), { email: colleagueEmail });
    const { id: colleagueRegistrationId } = await inviteAndAccept(db(), edition.id, lead, invited, {
      fields: personFields({ email: colleagueEmail, family_name: colleagueFamilyName }),
    });
    const colleague = await db().selectFrom("registration").where("id", "=", colleagueRegistrationId).select("person_id").executeTakeFirstOrThrow();
    const workshop = await db()
      .insertInto("session")
      .values({
        edition_id: edition.id,
        day_id: (await db().selectFrom("edition_day").where("edition_id", "=", edition.id).select("id").executeTakeFirstOrThrow()).id,
        starts_at: "2026-07-08T09:00:00+02:00",
        ends_at: "2026-07-08T09:30:00+02:00",
        kind: "workshop_thematic",
        title: JSON.stringify({ fr: "Atelier du matin", en: "Morning workshop" }),
        capacity: 5,
        requires_signup: true,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await signUp(db(), { registrationId: lead.registrationId, personId: lead.id, sessionId: workshop.id, now, publicUrl: "https://x.org" });
    const { token: sessionToken } = await openSignInSession(db(), lead.id, now);
    const feedToken = await createCalendarFeed(db(), lead.id, now);
    const signInHash = hashSecret(newSecret());
    await db()
      .insertInto("sign_in_token")
      .values({ email: lead.email, token_hash: signInHash, language: "en", expires_at: new Date(now.getTime() + 900_000) })
      .execute();
    return {
      lead,
      colleague: { id: colleague.person_id, email: colleagueEmail, familyName: colleagueFamilyName },
      secrets: { sessionToken, feedToken, signInHash },
    };
  }

  it("exports the person's own data, and nobody else's", async () => {
    const { lead, colleague } = await leadWithColleague();

    const leadData = await exportPersonalData(db(), lead.id);
    const leadJson = JSON.stringify(leadData);
    expect(JSON.parse(leadJson)).toMatchObject({
      account: { email: lead.email, language: "en" },
      registrations: [
        {
          id: lead.registrationId,
          edition_year: 2026,
          family_name: lead.familyName,
          phone: "+33 6 12 34 56 78",
          status: "confirmed",
          reference: expect.stringMatching(/^R26-[2-9A-HJ-NP-Z]{4}$/),
          answers: [{ question: { en: "Will you attend the lunch?" }, answer: "yes" }],
          consents: expect.arrayContaining([expect.objectContaining({ kind: "photos", granted: true, text_shown: "I agree to be photographed" })]),
          session_signups: [{ session: { en: "Morning workshop" }, status: "confirmed" }],
        },
      ],
      delegations_led: [{ edition_year: 2026, organisation_name: "Ville de Montpellier" }],
      calendar_feeds: [{ revoked_at: null }],
      sessions: [{}],
      sign_in_links: [{ used_at: null }],
      emails: [
        { subject: "Your registration for the Rencontres 2026 is confirmed", status: "pending" },
        { subject: "Your updated agenda for the Rencontres 2026", status: "pending" },
      ],
    });
    expect(leadJson).not.toContain(colleague.email);
    expect(leadJson).not.toContain(colleague.familyName);

    const colleagueJson = JSON.stringify(await exportPersonalData(db(), colleague.id));
    expect(JSON.parse(colleagueJson)).toMatchObject({
      account: { email: colleague.email },
      registrations: [{ family_name: colleague.familyName, registered_by_person_id: colleague.id }],
      delegations_led: [],
      calendar_feeds: [],
    });
    expect(colleagueJson).not.toContain(lead.email);
    expect(colleagueJson).not.toContain(lead.familyName);
  });

  it("keeps every secret out of the export", async () => {
    const { lead, secrets } = await leadWithColleague();
    const json = JSON.stringify(await exportPersonalData(db(), lead.id));
    const session = await db().selectFrom("auth_session").where("person_id", "=", lead.id).select("csrf_token").executeTakeFirstOrThrow();
    for (const secret of [
      secrets.sessionToken,
      hashSecret(secrets.sessionToken),
      session.csrf_token,
      secrets.feedToken,
      hashSecret(secrets.feedToken),
      secrets.signInHash,
    ]) {
      expect(json).not.toContain(secret);
    }
    expect(json).not.toMatch(/token_hash|csrf/);
  });

  describe("route", () => {
    function args(cookie?: string) {
      const request = new Request(publicUrl + paths.personalData("en"), { headers: cookie ? { Cookie: cookie } : {} });
      return { request, params: {}, context: { db: db(), env, now: () => now } } as unknown as Parameters<typeof personalDataLoader>[0];
    }

    it("gives the signed-in person their own data as a download, kept out of caches", async () => {
      const { lead, secrets } = await leadWithColleague();
      const response = await personalDataLoader(args(sessionCookie(env, secrets.sessionToken).split(";")[0]));
      expect(response.status).toBe(200);
      expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="rencontres-my-data.json"');
      expect(response.headers.get("Cache-Control")).toBe("private, no-store");
      expect(((await response.json()) as { account: { email: string } }).account.email).toBe(lead.email);
    });

    it("sends anyone else to the sign-in page", async () => {
      await expect(personalDataLoader(args())).rejects.toMatchObject({ status: 302 });
      const redirect = await personalDataLoader(args()).catch((response: Response) => response);
      expect(redirect.headers.get("Location")).toBe(paths.signIn("en", paths.personalData("en")));
    });
  });

  it("anonymises a deleted account, keeps the counts and gives the seat to the next in line", async () => {
    const editionId = await editionWithSeats(1);
    const leaving = await registered(editionId);
    const waiting = await registered(editionId, "fr");
    expect([leaving.status, waiting.status]).toEqual(["confirmed", "waitlisted"]);
    // A registration of an edition that is over keeps its status: it is history.
    const { category, ...pastFields } = personFields({ email: leaving.email, family_name: leaving.familyName });
    const past = await db()
      .insertInto("registration")
      .values({ ...pastFields, category, edition_id: (await getEdition(db(), 2025)).id, person_id: leaving.id, status: "confirmed", reference: newReference(2025) })
      .returning("id")
      .executeTakeFirstOrThrow();
    const { token } = await openSignInSession(db(), leaving.id, now);
    const feedToken = await createCalendarFeed(db(), leaving.id, now);
    await db()
      .insertInto("sign_in_token")
      .values({ email: leaving.email, token_hash: hashSecret(newSecret()), language: "en", expires_at: new Date(now.getTime() + 900_000) })
      .execute();
    const counts = () =>
      db()
        .selectFrom("registration")
        .where("edition_id", "=", editionId)
        .select(["status", "category", "country_code", "organisation_type", sql<number>`count(*)::int`.as("count")])
        .groupBy(["status", "category", "country_code", "organisation_type"])
        .orderBy("status")
        .execute();
    const row = { category: "participant", country_code: "FR", organisation_type: "commune" };
    expect(await counts()).toEqual([
      { status: "confirmed", count: 1, ...row },
      { status: "waitlisted", count: 1, ...row },
    ]);

    await deleteAccount(db(), { personId: leaving.id, now, publicUrl });

    expect(await counts()).toEqual([
      { status: "cancelled", count: 1, ...row },
      { status: "confirmed", count: 1, ...row },
    ]);
    const promoted = await db().selectFrom("registration").where("id", "=", waiting.registrationId).select("status").executeTakeFirstOrThrow();
    expect(promoted.status).toBe("confirmed");
    const waitingMails = await db().selectFrom("mail_outbox").where("to_address", "=", waiting.email).select("subject").execute();
    expect(waitingMails.map((mail) => mail.subject)).toContainEqual(expect.stringContaining("Une place s'est libérée"));

    const person = await db().selectFrom("person").where("id", "=", leaving.id).selectAll().executeTakeFirstOrThrow();
    expect(person).toMatchObject({ email: `anonymised-${leaving.id}@invalid`, anonymised_at: now });
    const registrations = await db().selectFrom("registration").where("person_id", "=", leaving.id).selectAll().orderBy("id").execute();
    expect(registrations.map((r) => [r.id, r.status])).toEqual([
      [leaving.registrationId, "cancelled"],
      [past.id, "confirmed"],
    ]);
    for (const registration of registrations) {
      expect(registration).toMatchObject({
        given_name: "",
        family_name: "",
        job_title: "",
        email: "",
        phone: "",
        languages: [],
        organisation_name: "",
        ...row,
      });
    }
    const ids = registrations.map((r) => r.id);
    const traces = await Promise.all([
      db().selectFrom("registration").where((eb) => eb.or([eb("family_name", "=", leaving.familyName), eb("email", "=", leaving.email)])).select("id").execute(),
      db().selectFrom("person").where("email", "=", leaving.email).select("id").execute(),
      db()
        .selectFrom("mail_outbox")
        .where((eb) => eb.or([eb("to_address", "=", leaving.email), eb("text_body", "like", `%${leaving.familyName}%`)]))
        .select("id")
        .execute(),
      db().selectFrom("auth_session").where("person_id", "=", leaving.id).select("id").execute(),
      db().selectFrom("sign_in_token").where("email", "=", leaving.email).select("id").execute(),
      db().selectFrom("calendar_feed").where("person_id", "=", leaving.id).select("id").execute(),
      db().selectFrom("registration_answer").where("registration_id", "in", ids).select("question_id").execute(),
      db().selectFrom("consent").where("registration_id", "in", ids).select("id").execute(),
    ]);
    expect(traces).toEqual(traces.map(() => []));
    await expect(personalFeed(db(), feedToken, publicUrl)).rejects.toMatchObject({ code: "calendar_feed_not_found" });
    await expect(exportPersonalData(db(), leaving.id)).rejects.toMatchObject({ code: "person_not_found" });
    const afterDeletion = await personalDataLoader({
      request: new Request(publicUrl + paths.personalData("en"), { headers: { Cookie: sessionCookie(env, token).split(";")[0] ?? "" } }),
      params: {},
      context: { db: db(), env, now: () => now },
    } as unknown as Parameters<typeof personalDataLoader>[0]).catch((response: Response) => response);
    expect(afterDeletion.status).toBe(302);
  });

  it("keeps the colleagues of a lead who leaves registered, in a delegation that stays", async () => {
    const { lead, colleague } = await leadWithColleague();
    await deleteAccount(db(), { personId: lead.id, now, publicUrl });
    const colleagueRegistration = await db()
      .selectFrom("registration")
      .where("person_id", "=", colleague.id)
      .select(["status", "family_name", "delegation_id"])
      .executeTakeFirstOrThrow();
    expect(colleagueRegistration).toMatchObject({ status: "confirmed", family_name: colleague.familyName });
    const delegation = await db()
      .selectFrom("delegation")
      .where("id", "=", colleagueRegistration.delegation_id ?? 0)
      .select(["lead_person_id", "organisation_name"])
      .executeTakeFirstOrThrow();
    expect(delegation).toEqual({ lead_person_id: lead.id, organisation_name: "Ville de Montpellier" });
    await expect(exportPersonalData(db(), colleague.id)).resolves.toMatchObject({ account: { email: colleague.email } });
  });
});
