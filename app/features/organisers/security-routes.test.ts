import { Secret, TOTP } from "otpauth";
import { describe, expect, it } from "vitest";
import { openSignInSession } from "~/features/accounts/sign-in-sessions.server";
import { loader as auditLoader } from "~/routes/back-office-audit";
import { action as securityAction, loader as securityLoader } from "~/routes/back-office-security";
import { action as teamAction, loader as teamLoader } from "~/routes/back-office-team";
import { action as verificationAction, loader as verificationLoader } from "~/routes/back-office-verification";
import { loader as dashboardLoader } from "~/routes/organisers";
import { databaseKinds, useTestDatabase } from "~/test/database";
import { createEdition, createPerson, signedInOrganiser, signedInWithoutFactor, totpSecret } from "~/test/factories";
import { grantRole } from "./team.server";
import { settled } from "~/test/route-answers";

const publicUrl = "http://localhost:3000";
const now = new Date("2026-05-01T10:00:00Z");

/** Status and body of what a route answered or threw: a plain value, `data(…)` or a Response. */
const codeAt = (at: Date) => new TOTP({ secret: Secret.fromBase32(totpSecret) }).generate({ timestamp: at.getTime() });

describe.each(databaseKinds)("second factors, team and audit log pages on %s", (kind) => {
  const database = useTestDatabase(kind, { demo: true });
  const db = () => database().db;

  function args(path: string, options: { cookie?: string; form?: Record<string, string>; at?: Date } = {}) {
    const body = options.form ? new URLSearchParams(options.form) : undefined;
    const request = new Request(publicUrl + path, {
      method: body ? "POST" : "GET",
      headers: { Origin: publicUrl, ...(options.cookie ? { Cookie: options.cookie } : {}) },
      body,
    });
    const context = { db: db(), env: { PUBLIC_URL: publicUrl }, now: () => options.at ?? now };
    return { request, context, params: { year: path.split("/")[2] } } as never;
  }
  const csrfOf = async (cookie: string) => {
    const token = cookie.split("=")[1]!;
    const { hashSecret } = await import("~/features/accounts/secrets.server");
    return (await db().selectFrom("auth_session").select("csrf_token").where("token_hash", "=", hashSecret(token)).executeTakeFirstOrThrow()).csrf_token;
  };

  describe("the second factor in front of the back office", () => {
    it("sends a session without a factor to enrol one, then back; one past 12 hours to verify, then back", async () => {
      const staff = await signedInWithoutFactor(db(), 2026, now, "owner");
      const back = "/fr/2026/organisation/equipe";
      expect(await settled(teamLoader(args(back, { cookie: staff.cookie })))).toMatchObject({
        status: 303,
        location: `/fr/organisation/securite?return_to=${encodeURIComponent(back)}`,
      });
      // The enrolment page opens with the e-mailed link alone, as there is no factor yet.
      expect(await settled(securityLoader(args(`/fr/organisation/securite?return_to=${encodeURIComponent(back)}`, { cookie: staff.cookie })))).toMatchObject({ status: 200 });

      const organiser = await signedInOrganiser(db(), 2026, now, "owner");
      const later = new Date(now.getTime() + 12 * 3600_000);
      expect(await settled(teamLoader(args(back, { cookie: organiser.cookie, at: later })))).toMatchObject({
        status: 303,
        location: `/fr/organisation/verification?return_to=${encodeURIComponent(back)}`,
      });
      const csrf = organiser.person.csrfToken;
      // A wrong code: said beside the field, nothing passes.
      const wrong = await settled(verificationAction(args("/fr/organisation/verification", { cookie: organiser.cookie, at: later, form: { csrf, intent: "totp", code: "000000", return_to: back } })));
      expect(wrong).toMatchObject({ status: 422, body: { intent: "totp", error: { code: "second_factor_code_wrong", message: "secondFactor.error.codeWrong" } } });
      expect(await settled(teamLoader(args(back, { cookie: organiser.cookie, at: later })))).toMatchObject({ status: 303 });
      const passed = await settled(verificationAction(args("/fr/organisation/verification", { cookie: organiser.cookie, at: later, form: { csrf, intent: "totp", code: codeAt(later), return_to: back } })));
      expect(passed).toMatchObject({ status: 303, location: back });
      expect(await settled(teamLoader(args(back, { cookie: organiser.cookie, at: later })))).toMatchObject({ status: 200 });
      // A return path to another site is dropped.
      const elsewhere = await settled(
        verificationAction(args("/fr/organisation/verification", { cookie: organiser.cookie, at: later, form: { csrf, intent: "totp", code: codeAt(new Date(later.getTime() + 30_000)), return_to: "//evil.example/" } })),
      );
      expect(elsewhere).toMatchObject({ status: 303, location: "/fr/organisation/securite" });
    });

    it("enrols TOTP on the security page, shows ten recovery codes once, and the security page then asks for a factor", async () => {
      const staff = await signedInWithoutFactor(db(), 2026, now);
      const csrf = await csrfOf(staff.cookie);
      const path = "/en/organisers/security";
      expect(await settled(securityAction(args(path, { cookie: staff.cookie, form: { csrf, intent: "totp_start" } })))).toMatchObject({ status: 303, location: path });
      const page = await settled(securityLoader(args(path, { cookie: staff.cookie })));
      const pending = (page.body as { pendingTotp: { secret: string; uri: string } }).pendingTotp;
      expect(pending.uri).toMatch(/^otpauth:\/\/totp\//);
      const code = new TOTP({ secret: Secret.fromBase32(pending.secret) }).generate({ timestamp: now.getTime() });
      const confirmed = await settled(securityAction(args(path, { cookie: staff.cookie, form: { csrf, intent: "totp_confirm", code } })));
      expect((confirmed.body as { recoveryCodes: string[] }).recoveryCodes).toHaveLength(10);
      // Past 12 hours, the security page itself asks for the factor first.
      const later = new Date(now.getTime() + 13 * 3600_000);
      expect(await settled(securityLoader(args(path, { cookie: staff.cookie, at: later })))).toMatchObject({
        status: 303,
        location: `/en/organisers/verification?return_to=${encodeURIComponent(path)}`,
      });
      expect(await settled(securityAction(args(path, { cookie: staff.cookie, at: later, form: { csrf, intent: "recovery_regenerate" } })))).toMatchObject({ status: 303 });
    });

    it("do not exist for anyone without a role; an anonymous visitor is sent to sign in", async () => {
      expect(await settled(securityLoader(args("/fr/organisation/securite")))).toMatchObject({ status: 302 });
      expect(await settled(verificationLoader(args("/fr/organisation/verification")))).toMatchObject({ status: 302 });
      const participant = await createPerson(db());
      const { token } = await openSignInSession(db(), participant.id, now);
      const cookie = `rencontres_session=${token}`;
      expect(await settled(securityLoader(args("/fr/organisation/securite", { cookie })))).toMatchObject({ status: 404 });
      expect(await settled(verificationLoader(args("/fr/organisation/verification", { cookie })))).toMatchObject({ status: 404 });
      const csrf = await csrfOf(cookie);
      expect(await settled(securityAction(args("/fr/organisation/securite", { cookie, form: { csrf, intent: "totp_start" } })))).toMatchObject({ status: 404 });
      expect(await db().selectFrom("second_factor").select("id").where("person_id", "=", participant.id).execute()).toEqual([]);
      // Nor is a non-organiser sent to verify: the back office stays a 404 to them.
      expect(await settled(dashboardLoader(args("/fr/2026/organisation", { cookie })))).toMatchObject({ status: 404 });
    });
  });

  describe("the team page", () => {
    it("lets an owner invite by e-mail in the invitee's language, once per form, logged", async () => {
      const owner = await signedInOrganiser(db(), 2026, now, "owner");
      const page = await settled(teamLoader(args("/en/2026/organisers/team", { cookie: owner.cookie })));
      const { submission } = page.body as { submission: string };
      const form = { csrf: owner.person.csrfToken, intent: "invite", email: "New.Organiser@Example.org", role: "organiser", scope: "edition", language: "en", submission };
      const first = await settled(teamAction(args("/en/2026/organisers/team", { cookie: owner.cookie, form })));
      expect(first).toMatchObject({ status: 303, location: "/en/2026/organisers/team?done=invited&email=new.organiser%40example.org" });
      await settled(teamAction(args("/en/2026/organisers/team", { cookie: owner.cookie, form })));
      const mails = await db().selectFrom("mail_outbox").select(["language", "subject", "text_body"]).where("to_address", "=", "new.organiser@example.org").execute();
      expect(mails).toHaveLength(1);
      expect(mails[0]).toMatchObject({ language: "en", subject: "You join the team of the Rencontres 2026" });
      expect(mails[0]!.text_body).toContain(`${publicUrl}/en/2026/organisers`);
      const log = await db().selectFrom("audit_log").selectAll().where("action", "=", "team.grant").where("actor_person_id", "=", owner.access.personId).execute();
      expect(log).toMatchObject([{ edition_id: owner.access.editionId, after: { email: "new.organiser@example.org", role: "organiser", editionId: owner.access.editionId } }]);
      // A bad address is said beside the field; nothing is granted.
      const bad = await settled(teamAction(args("/en/2026/organisers/team", { cookie: owner.cookie, form: { ...form, email: "nobody", submission: "x".repeat(22) } })));
      expect(bad).toMatchObject({ status: 422, body: { email: "nobody", error: { code: "invalid_form" } } });
      // An owner of one edition grants nothing on every edition.
      const every = await settled(teamAction(args("/en/2026/organisers/team", { cookie: owner.cookie, form: { ...form, email: "wide@example.org", scope: "every", submission: "y".repeat(22) } })));
      expect(every).toMatchObject({ status: 403 });
      expect(await db().selectFrom("person").select("id").where("email", "=", "wide@example.org").execute()).toEqual([]);
    });

    it("leads each invitation to a page the role opens: a partner to the figures, check-in staff to their editions", async () => {
      const owner = await signedInOrganiser(db(), 2026, now, "owner");
      const invite = (email: string, role: string) => {
        const form = { csrf: owner.person.csrfToken, intent: "invite", email, role, scope: "edition", language: "fr", submission: role.padEnd(22, "x") };
        return settled(teamAction(args("/fr/2026/organisation/equipe", { cookie: owner.cookie, form })));
      };
      const mailedTo = async (email: string) => (await db().selectFrom("mail_outbox").select("text_body").where("to_address", "=", email).executeTakeFirstOrThrow()).text_body;
      await invite("partenaire@example.org", "partner");
      await invite("accueil@example.org", "checkin");
      expect(await mailedTo("partenaire@example.org")).toMatch(new RegExp(`${publicUrl}/fr/2026/organisation/chiffres$`, "m"));
      expect(await mailedTo("accueil@example.org")).toMatch(new RegExp(`${publicUrl}/fr/organisation$`, "m"));
    });

    it("revokes a role at once: the person's open session gets 404 at its next request; the last owner stays", async () => {
      // An edition of its own, whose only owner is this one.
      const editionId = await createEdition(db());
      const { year } = await db().selectFrom("edition").select("year").where("id", "=", editionId).executeTakeFirstOrThrow();
      const team = `/fr/${year}/organisation/equipe`;
      const owner = await signedInOrganiser(db(), year, now, "owner");
      const organiser = await signedInOrganiser(db(), year, now, "organiser");
      expect(await settled(dashboardLoader(args(`/fr/${year}/organisation`, { cookie: organiser.cookie })))).toMatchObject({ status: 200 });
      const role = await db().selectFrom("staff_role").select("id").where("person_id", "=", organiser.access.personId).executeTakeFirstOrThrow();
      const revoked = await settled(teamAction(args(team, { cookie: owner.cookie, form: { csrf: owner.person.csrfToken, intent: "revoke", role: String(role.id) } })));
      expect(revoked, String(revoked.body)).toMatchObject({ status: 303, location: `${team}?done=revoked` });
      expect(await settled(dashboardLoader(args(`/fr/${year}/organisation`, { cookie: organiser.cookie })))).toMatchObject({ status: 404 });
      const log = await db().selectFrom("audit_log").selectAll().where("action", "=", "team.revoke").where("subject_id", "=", String(role.id)).executeTakeFirstOrThrow();
      expect(log).toMatchObject({ actor_person_id: owner.access.personId, before: { role: "organiser" }, after: { role: "organiser" } });

      // This one is the only owner covering the edition.
      const ownRole = await db().selectFrom("staff_role").select("id").where("person_id", "=", owner.access.personId).executeTakeFirstOrThrow();
      const alone = await settled(teamAction(args(team, { cookie: owner.cookie, form: { csrf: owner.person.csrfToken, intent: "revoke", role: String(ownRole.id) } })));
      expect(alone).toMatchObject({ status: 409, body: { error: { code: "last_owner" } } });
      // With an owner of every edition beside them, they may go.
      await grantRole(db(), { commandLine: true }, { email: "everywhere@example.org", role: "owner", editionId: null }, now);
      const gone = await settled(teamAction(args(team, { cookie: owner.cookie, form: { csrf: owner.person.csrfToken, intent: "revoke", role: String(ownRole.id) } })));
      expect(gone).toMatchObject({ status: 303 });
    });

    it("does not exist for an organiser or an owner of another edition, and a role of another edition is not found", async () => {
      const organiser = await signedInOrganiser(db(), 2026, now, "organiser");
      expect(await settled(teamLoader(args("/fr/2026/organisation/equipe", { cookie: organiser.cookie })))).toMatchObject({ status: 404 });
      const checkin = await signedInOrganiser(db(), 2026, now, "checkin");
      expect(await settled(teamLoader(args("/fr/2026/organisation/equipe", { cookie: checkin.cookie })))).toMatchObject({ status: 404 });
      const partner = await signedInOrganiser(db(), 2026, now, "partner");
      expect(await settled(auditLoader(args("/fr/2026/organisation/journal", { cookie: partner.cookie })))).toMatchObject({ status: 404 });
      const owner2025 = await signedInOrganiser(db(), 2025, now, "owner");
      expect(await settled(teamLoader(args("/fr/2026/organisation/equipe", { cookie: owner2025.cookie })))).toMatchObject({ status: 404 });
      const role = await db().selectFrom("staff_role").select("id").where("person_id", "=", organiser.access.personId).executeTakeFirstOrThrow();
      const posted = await settled(
        teamAction(args("/fr/2026/organisation/equipe", { cookie: owner2025.cookie, form: { csrf: owner2025.person.csrfToken, intent: "revoke", role: String(role.id) } })),
      );
      expect(posted).toMatchObject({ status: 404 });
      const posted2025 = await settled(
        teamAction(args("/fr/2025/organisation/equipe", { cookie: owner2025.cookie, form: { csrf: owner2025.person.csrfToken, intent: "revoke", role: String(role.id) } })),
      );
      expect(posted2025).toMatchObject({ status: 404, body: { error: { code: "staff_role_not_found" } } });
      expect(await db().selectFrom("staff_role").select("revoked_at").where("id", "=", role.id).executeTakeFirstOrThrow()).toEqual({ revoked_at: null });
      expect(await settled(teamLoader(args("/fr/2026/organisation/equipe")))).toMatchObject({ status: 302 });
    });
  });

  describe("the audit log page", () => {
    it("lists this edition's entries and every-edition ones, newest first, filtered by person, action and days", async () => {
      const owner = await signedInOrganiser(db(), 2026, now, "owner");
      const e2025 = (await db().selectFrom("edition").select("id").where("year", "=", 2025).executeTakeFirstOrThrow()).id;
      await grantRole(db(), { commandLine: true }, { email: "wide@example.org", role: "organiser", editionId: null }, new Date("2026-04-01T10:00:00Z"));
      await grantRole(db(), { commandLine: true }, { email: "old@example.org", role: "organiser", editionId: e2025 }, new Date("2026-04-02T10:00:00Z"));
      await grantRole(db(), owner.access, { email: "local@example.org", role: "checkin", editionId: owner.access.editionId }, new Date("2026-04-03T10:00:00Z"));
      // Up to 30 April: the entries of the other tests of this file come later.
      const read = async (query = "?to=2026-04-30") => {
        const result = await settled(auditLoader(args(`/fr/2026/organisation/journal${query}`, { cookie: owner.cookie })));
        expect(result.status).toBe(200);
        return (result.body as { entries: { action: string; actorEmail: string | null; after: { email: string } }[]; invalid: boolean }).entries.map((entry) => entry.after.email);
      };
      expect(await read()).toEqual(["local@example.org", "wide@example.org"]);
      expect(await read(`?to=2026-04-30&person=${encodeURIComponent(owner.access.email)}`)).toEqual(["local@example.org"]);
      expect(await read("?action=team.revoke")).not.toContain("local@example.org");
      expect(await read("?from=2026-04-02&to=2026-04-03")).toEqual(["local@example.org"]);
      expect(await read("?to=2026-04-01")).toEqual(["wide@example.org"]);
      // Filters that do not parse are said, and none applies.
      const bad = await settled(auditLoader(args("/fr/2026/organisation/journal?from=yesterday", { cookie: owner.cookie })));
      expect(bad).toMatchObject({ status: 200, body: { invalid: true } });
    });
  });
});
