import { describe, expect, it } from "vitest";
import { openSignInSession } from "~/features/accounts/sign-in-sessions.server";
import { getEdition } from "~/features/editions/editions.server";
import { register } from "~/features/registration/registration.server";
import { action, loader } from "~/routes/organisers";
import { databaseKinds, useTestDatabase } from "~/test/database";
import { createPerson, createStaff, registrationRequest, signedInOrganiser } from "~/test/factories";
import { settled } from "~/test/route-answers";

const publicUrl = "http://localhost:3000";
const now = new Date("2026-05-01T10:00:00Z");

/** Status and body of what a route answered or threw: a plain value, `data(…)` or a Response. */

describe.each(databaseKinds)("organisers' page on %s", (kind) => {
  const database = useTestDatabase(kind, { demo: true });
  const db = () => database().db;

  function args(path: string, options: { cookie?: string; form?: Record<string, string> } = {}) {
    const body = options.form ? new URLSearchParams(options.form) : undefined;
    const request = new Request(publicUrl + path, {
      method: body ? "POST" : "GET",
      headers: { Origin: publicUrl, ...(options.cookie ? { Cookie: options.cookie } : {}) },
      body,
    });
    const context = { db: db(), env: { PUBLIC_URL: publicUrl }, now: () => now };
    return { request, context, params: { year: path.split("/")[2] } } as never;
  }

  /** A 2025 registration awaiting approval, and a closed 2025 round with a wish in it. */
  async function lastYear() {
    const edition = await getEdition(db(), 2025);
    const person = await createPerson(db());
    const { id: registrationId } = await register(db(), registrationRequest(edition.id, person, { now: new Date("2025-05-01T10:00:00Z") }));
    const { id: roundId } = await db()
      .insertInto("wish_round")
      .values({ edition_id: edition.id, opens_at: "2025-05-01T00:00:00Z", closes_at: "2025-05-15T00:00:00Z", seed: "2025" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const session = await db().selectFrom("session").where("edition_id", "=", edition.id).where("requires_signup", "=", true).select("id").executeTakeFirstOrThrow();
    await db().updateTable("session").set({ wish_round_id: roundId }).where("id", "=", session.id).execute();
    await db().insertInto("session_wish").values({ wish_round_id: roundId, registration_id: registrationId, session_id: session.id, rank: 1 }).execute();
    await db().updateTable("registration").set({ status: "pending" }).where("id", "=", registrationId).execute();
    return { registrationId, roundId, email: person.email };
  }

  it("sends an anonymous visitor to sign in, and back to the page afterwards", async () => {
    const result = await settled(loader(args("/fr/2026/organisation")));
    expect(result.status).toBe(302);
    expect(result.location).toBe(`/fr/connexion?return_to=${encodeURIComponent("/fr/2026/organisation")}`);
  });

  it("does not exist for a signed-in person who is not an organiser", async () => {
    const person = await createPerson(db());
    const { token } = await openSignInSession(db(), person.id, now);
    const cookie = `rencontres_session=${token}`;
    expect(await settled(loader(args("/fr/2026/organisation", { cookie })))).toMatchObject({ status: 404, body: { code: "not_staff" } });
    const posted = await settled(action(args("/fr/2026/organisation", { cookie, form: { intent: "approve", registration: "1" } })));
    expect(posted.status).toBe(404);
  });

  it("does not exist for a role without the right, a role on another edition or a revoked one; a role on every edition opens it", async () => {
    const visit = async (person: { id: number }) => {
      const { token } = await openSignInSession(db(), person.id, now);
      // A second factor passed: the role alone is what this test is about.
      await db().updateTable("auth_session").set({ second_factor_at: now }).where("person_id", "=", person.id).execute();
      return (await settled(loader(args("/fr/2026/organisation", { cookie: `rencontres_session=${token}` })))).status;
    };
    expect(await visit(await createStaff(db(), "checkin", 2026))).toBe(404);
    expect(await visit(await createStaff(db(), "partner", 2026))).toBe(404);
    expect(await visit(await createStaff(db(), "organiser", 2025))).toBe(404);
    const revoked = await createStaff(db(), "organiser", 2026);
    expect(await visit(revoked)).toBe(200);
    await db().updateTable("staff_role").set({ revoked_at: new Date() }).where("person_id", "=", revoked.id).execute();
    expect(await visit(revoked)).toBe(404);
    expect(await visit(await createStaff(db(), "organiser", null))).toBe(200);
    expect(await visit(await createStaff(db(), "owner", null))).toBe(200);
  });

  it("changes nothing and answers 404 when a 2025 registration or round is posted to the 2026 page", async () => {
    const { registrationId, roundId, email } = await lastYear();
    const mailsTo = async (to: string) => (await db().selectFrom("mail_outbox").where("to_address", "=", to).select("id").execute()).length;
    const mailsBefore = await mailsTo(email);
    const organiser = await signedInOrganiser(db(), 2026, now);
    const form = { csrf: organiser.person.csrfToken };
    const post = (fields: Record<string, string>) =>
      settled(action(args("/fr/2026/organisation", { cookie: organiser.cookie, form: { ...form, ...fields } })));

    expect(await post({ intent: "approve", registration: String(registrationId) })).toMatchObject({
      status: 404,
      body: { error: { code: "registration_not_found" } },
    });
    expect(await post({ intent: "allocate", round: String(roundId) })).toMatchObject({ status: 404, body: { error: { code: "wish_round_not_found" } } });

    const registration = await db().selectFrom("registration").where("id", "=", registrationId).select("status").executeTakeFirstOrThrow();
    expect(registration.status).toBe("pending");
    const round = await db().selectFrom("wish_round").where("id", "=", roundId).select("allocated_at").executeTakeFirstOrThrow();
    expect(round.allocated_at).toBeNull();
    expect(await mailsTo(email)).toBe(mailsBefore);

    // The same ids on the 2025 page do what they say.
    const organiser2025 = await signedInOrganiser(db(), 2025, now);
    const approved = await settled(
      action(
        args("/fr/2025/organisation", {
          cookie: organiser2025.cookie,
          form: { csrf: organiser2025.person.csrfToken, intent: "approve", registration: String(registrationId) },
        }),
      ),
    );
    expect(approved).toMatchObject({ status: 200, body: { message: "organisers.done.decision" } });
    // Logged with who decided, on which edition, and the status before and after; the refused tries left no trace.
    const log = await db().selectFrom("audit_log").selectAll().where("subject_type", "=", "registration").where("subject_id", "=", String(registrationId)).execute();
    expect(log).toMatchObject([
      { action: "registration.approve", actor_person_id: organiser2025.access.personId, actor_email: organiser2025.access.email, edition_id: organiser2025.access.editionId, before: { status: "pending" }, after: { status: "confirmed" } },
    ]);
  });

  it("answers an unknown intent with 400 and its message", async () => {
    const organiser = await signedInOrganiser(db(), 2026, now);
    const result = await settled(
      action(
        args("/fr/2026/organisation", {
          cookie: organiser.cookie,
          form: { csrf: organiser.person.csrfToken, intent: "launch" },
        }),
      ),
    );
    expect(result).toMatchObject({ status: 400, body: { error: { code: "unknown_intent", message: "error.badRequest.text" } } });
  });
});
