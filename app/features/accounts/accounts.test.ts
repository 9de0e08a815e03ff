import { describe, expect, it } from "vitest";
import { AppError } from "~/lib/errors";
import { databaseKinds, useTestDatabase } from "~/test/database";
import { optionalPerson, requirePerson, sessionCookie, verifyCsrf } from "./auth.server";
import { hashSecret } from "./secrets.server";
import { createCalendarFeed, personalFeed } from "~/features/registration/calendar-feed.server";
import { endAllSignInSessions, endSignInSession, findSignInSession, signInSessionIdleMs, signInSessionMaxAgeMs, signOutEverywhere } from "./sign-in-sessions.server";
import {
  linksPerAddress,
  requestSignInLink,
  requestsPerClient,
  safeReturnTo,
  signInLinkLifetimeMs,
  signInLinkState,
  signInWithLink,
} from "./sign-in.server";

const publicUrl = "https://rencontres.example.org";
const t0 = new Date("2026-04-15T08:00:00Z");
const later = (ms: number) => new Date(t0.getTime() + ms);
const minute = 60 * 1000;

let addressCount = 0;
/** A fresh e-mail address and client address, so that tests do not share rate-limit counters. */
function fresh() {
  addressCount += 1;
  return { email: `person${addressCount}@example.org`, clientAddress: `192.0.2.${addressCount}` };
}

describe.each(databaseKinds)("accounts on %s", (kind) => {
  const database = useTestDatabase(kind);
  const db = () => database().db;

  async function mailsTo(email: string) {
    return db().selectFrom("mail_outbox").selectAll().where("to_address", "=", email).orderBy("id").execute();
  }

  /** Requests a link and reads its token back from the e-mail, as the person would. */
  async function requestLink(email: string, options: { language?: "fr" | "en"; returnTo?: string; now?: Date } = {}) {
    const before = (await mailsTo(email)).length;
    await requestSignInLink(
      db(),
      { email, language: options.language ?? "fr", returnTo: options.returnTo, clientAddress: `link:${email}`, publicUrl },
      options.now ?? t0,
    );
    const mails = await mailsTo(email);
    expect(mails).toHaveLength(before + 1);
    const token = /token=([A-Za-z0-9_-]{43})/.exec(mails.at(-1)?.text_body ?? "")?.[1];
    if (!token) throw new Error("no token in the e-mail");
    return token;
  }

  async function signIn(email: string, now = t0) {
    const result = await signInWithLink(db(), await requestLink(email, { now }), now);
    if (!result) throw new Error("sign-in failed");
    return result;
  }

  const context = () => ({ db: db(), env: { PUBLIC_URL: publicUrl }, now: () => t0 });
  const withCookie = (token: string, path = "/fr/2026") =>
    new Request(publicUrl + path, { headers: { Cookie: sessionCookie({ PUBLIC_URL: publicUrl }, token).split(";")[0] ?? "" } });

  describe("sign-in links", () => {
    it("e-mails a link in the page's language, to the localised link page, and stores only a hash of its token", async () => {
      const { email } = fresh();
      const token = await requestLink(email, { language: "en" });
      const [mail] = await mailsTo(email);
      expect(mail?.language).toBe("en");
      expect(mail?.subject).toBe("Your sign-in link – Rencontres AICT");
      expect(mail?.text_body).toContain(`${publicUrl}/en/sign-in/link?token=${token}`);
      expect(mail?.html_body).toContain(`${publicUrl}/en/sign-in/link?token=${token}`);

      const rows = await db().selectFrom("sign_in_token").selectAll().where("email", "=", email).execute();
      expect(rows).toHaveLength(1);
      expect(rows[0]?.token_hash).toBe(hashSecret(token));
      expect(JSON.stringify(rows)).not.toContain(token);

      const { email: french } = fresh();
      const frenchToken = await requestLink(french, { language: "fr" });
      const [frenchMail] = await mailsTo(french);
      expect(frenchMail?.subject).toBe("Votre lien de connexion – Rencontres de l'AICT");
      expect(frenchMail?.text_body).toContain(`${publicUrl}/fr/connexion/lien?token=${frenchToken}`);
    });

    it("signs in once only", async () => {
      const { email } = fresh();
      const token = await requestLink(email);
      expect(await signInWithLink(db(), token, later(minute))).toBeDefined();
      expect(await signInWithLink(db(), token, later(2 * minute))).toBeUndefined();
    });

    it("lets only one of two simultaneous uses of a link sign in", async () => {
      const { email } = fresh();
      const token = await requestLink(email);
      const results = await Promise.all([signInWithLink(db(), token, t0), signInWithLink(db(), token, t0)]);
      expect(results.filter((result) => result !== undefined)).toHaveLength(1);
    });

    it("works until 10 minutes after the request, not at 10 minutes", async () => {
      const { email } = fresh();
      const lastMoment = await requestLink(email);
      const tooLate = await requestLink(email);
      expect(await signInWithLink(db(), tooLate, later(signInLinkLifetimeMs))).toBeUndefined();
      expect(await signInWithLink(db(), lastMoment, later(signInLinkLifetimeMs - 1))).toBeDefined();
    });

    it("tells a usable, an expired, a used and an unknown link apart, without spending any", async () => {
      const { email } = fresh();
      const token = await requestLink(email, { returnTo: "/en/2026" });
      const asked = { email, returnTo: "/en/2026" };
      expect(await signInLinkState(db(), token, later(minute))).toEqual({ state: "usable", ...asked });
      expect(await signInLinkState(db(), token, later(signInLinkLifetimeMs))).toEqual({ state: "expired", ...asked });
      expect(await signInWithLink(db(), token, later(minute))).toBeDefined();
      expect(await signInLinkState(db(), token, later(2 * minute))).toEqual({ state: "used", ...asked });
      expect(await signInLinkState(db(), "A".repeat(43), t0)).toEqual({ state: "unknown" });
    });

    it("refuses an unknown token", async () => {
      expect(await signInWithLink(db(), "A".repeat(43), t0)).toBeUndefined();
    });

    it("creates the person at the first sign-in, in the link's language, and finds them again later", async () => {
      const { email } = fresh();
      expect(await db().selectFrom("person").where("email", "=", email).selectAll().execute()).toEqual([]);
      const first = await signInWithLink(db(), await requestLink(email, { language: "en" }), t0);
      const second = await signInWithLink(db(), await requestLink(email, { language: "fr" }), t0);
      expect(second?.personId).toBe(first?.personId);
      const people = await db().selectFrom("person").selectAll().where("email", "=", email).execute();
      expect(people.map((person) => person.language)).toEqual(["en"]);
    });

    it("keeps the page to come back to, if it is a path of this site", async () => {
      const { email } = fresh();
      const result = await signInWithLink(db(), await requestLink(email, { returnTo: "/en/2026?tab=1" }), t0);
      expect(result?.returnTo).toBe("/en/2026?tab=1");
      const elsewhere = await signInWithLink(db(), await requestLink(email, { returnTo: "//evil.example/" }), t0);
      expect(elsewhere?.returnTo).toBeUndefined();
    });
  });

  describe("no account enumeration", () => {
    it("answers and writes alike for an address with an account and one without", async () => {
      const known = fresh();
      await signIn(known.email);
      const unknown = fresh();
      const outcomes = [];
      for (const someone of [known, unknown]) {
        const before = (await mailsTo(someone.email)).length;
        outcomes.push(await requestSignInLink(db(), { ...someone, language: "en", publicUrl }, t0));
        const mails = await mailsTo(someone.email);
        expect(mails).toHaveLength(before + 1);
        const mail = mails.at(-1);
        outcomes.push(mail?.subject, mail?.text_body.replace(/token=[\w-]+/, "token=…"));
      }
      expect(outcomes.slice(0, 3)).toEqual(outcomes.slice(3));
    });
  });

  describe("rate limits", () => {
    it(`sends at most ${linksPerAddress} links per address in 15 minutes, then answers the same without sending`, async () => {
      const { email } = fresh();
      for (let i = 0; i < linksPerAddress + 2; i += 1) {
        await expect(requestSignInLink(db(), { email, language: "fr", clientAddress: fresh().clientAddress, publicUrl }, t0)).resolves.toBeUndefined();
      }
      expect(await mailsTo(email)).toHaveLength(linksPerAddress);
      await requestSignInLink(db(), { email, language: "fr", clientAddress: fresh().clientAddress, publicUrl }, later(15 * minute));
      expect(await mailsTo(email)).toHaveLength(linksPerAddress + 1);
    });

    it(`accepts ${requestsPerClient} requests per network address in 15 minutes, then refuses with rate_limited`, async () => {
      const { clientAddress } = fresh();
      for (let i = 0; i < requestsPerClient; i += 1) {
        await requestSignInLink(db(), { email: fresh().email, language: "fr", clientAddress, publicUrl }, t0);
      }
      const { email } = fresh();
      await expect(requestSignInLink(db(), { email, language: "fr", clientAddress, publicUrl }, t0)).rejects.toEqual(
        new AppError("rate_limited", "too many sign-in requests from this client"),
      );
      expect(await mailsTo(email)).toEqual([]);
      await requestSignInLink(db(), { email, language: "fr", clientAddress: fresh().clientAddress, publicUrl }, t0);
      expect(await mailsTo(email)).toHaveLength(1);
    });

    it("counts an IPv6 client by its /64 network, however it writes its address, and an IPv4-mapped one as IPv4", async () => {
      // One /64 hands out as many addresses as its owner likes: each request comes from another one.
      for (let i = 0; i < requestsPerClient; i += 1) {
        const clientAddress = i % 2 ? `2001:db8:77:1:${i.toString(16)}::1` : `2001:0DB8:0077:0001:0:0:${i.toString(16)}:2%eth0`;
        await requestSignInLink(db(), { email: fresh().email, language: "fr", clientAddress, publicUrl }, t0);
      }
      await expect(
        requestSignInLink(db(), { email: fresh().email, language: "fr", clientAddress: "2001:db8:77:1:ffff:ffff:ffff:ffff", publicUrl }, t0),
      ).rejects.toMatchObject({ code: "rate_limited" });
      // The next /64 is someone else.
      await requestSignInLink(db(), { email: fresh().email, language: "fr", clientAddress: "2001:db8:77:2::1", publicUrl }, t0);

      for (let i = 0; i < requestsPerClient; i += 1) {
        await requestSignInLink(db(), { email: fresh().email, language: "fr", clientAddress: "198.51.100.200", publicUrl }, t0);
      }
      await expect(
        requestSignInLink(db(), { email: fresh().email, language: "fr", clientAddress: "::ffff:198.51.100.200", publicUrl }, t0),
      ).rejects.toMatchObject({ code: "rate_limited" });
    });
  });

  describe("sessions", () => {
    it("keeps only a hash of the session token", async () => {
      const { sessionToken, personId } = await signIn(fresh().email);
      const rows = await db().selectFrom("auth_session").selectAll().where("person_id", "=", personId).execute();
      expect(rows.map((row) => row.token_hash)).toEqual([hashSecret(sessionToken)]);
      expect(JSON.stringify(rows)).not.toContain(sessionToken);
    });

    it("refuses a session 30 days after the last visit, and a visit moves that moment", async () => {
      const { sessionToken } = await signIn(fresh().email);
      expect(await findSignInSession(db(), sessionToken, later(signInSessionIdleMs - 1))).toBeDefined();
      // That visit pushed the end 30 days further.
      expect(await findSignInSession(db(), sessionToken, later(2 * signInSessionIdleMs - 2))).toBeDefined();
      const idle = await signIn(fresh().email);
      expect(await findSignInSession(db(), idle.sessionToken, later(signInSessionIdleMs))).toBeUndefined();
    });

    it("ends a session 90 days after it was opened, however often the person comes back", async () => {
      const { sessionToken } = await signIn(fresh().email);
      const day = 24 * 60 * minute;
      for (let at = 20 * day; at < signInSessionMaxAgeMs; at += 20 * day) {
        expect(await findSignInSession(db(), sessionToken, later(at))).toBeDefined();
      }
      expect(await findSignInSession(db(), sessionToken, later(signInSessionMaxAgeMs - 1))).toBeDefined();
      expect(await findSignInSession(db(), sessionToken, later(signInSessionMaxAgeMs))).toBeUndefined();
      const row = await db().selectFrom("auth_session").select(["created_at", "expires_at"]).where("token_hash", "=", hashSecret(sessionToken)).executeTakeFirstOrThrow();
      expect(row.expires_at.getTime() - row.created_at.getTime()).toBeLessThanOrEqual(signInSessionMaxAgeMs);
    });

    it("signs out everywhere: sessions, sign-in links not yet used and calendar feeds all stop working", async () => {
      const { email } = fresh();
      const phone = await signIn(email);
      const waitingLink = await requestLink(email);
      const feed = await createCalendarFeed(db(), phone.personId, t0);
      const other = fresh().email;
      const othersLink = await requestLink(other);

      expect(await signOutEverywhere(db(), { personId: phone.personId, email }, later(minute))).toBe(1);
      expect(await findSignInSession(db(), phone.sessionToken, later(minute))).toBeUndefined();
      expect(await signInWithLink(db(), waitingLink, later(2 * minute))).toBeUndefined();
      await expect(personalFeed(db(), feed, publicUrl)).rejects.toMatchObject({ code: "calendar_feed_not_found" });
      expect(await signInWithLink(db(), othersLink, later(2 * minute))).toBeDefined();
      // A link asked for afterwards works as usual.
      expect(await signInWithLink(db(), await requestLink(email, { now: later(3 * minute) }), later(3 * minute))).toBeDefined();
    });

    it("does not write at every visit", async () => {
      const { sessionToken, personId } = await signIn(fresh().email);
      await findSignInSession(db(), sessionToken, later(minute));
      const row = await db().selectFrom("auth_session").select("last_seen_at").where("person_id", "=", personId).executeTakeFirstOrThrow();
      expect(row.last_seen_at).toEqual(t0);
    });

    it("signs out this device only, or everywhere", async () => {
      const { email } = fresh();
      const phone = await signIn(email);
      const laptop = await signIn(email);
      const office = await signIn(email);
      const someoneElse = await signIn(fresh().email);

      await endSignInSession(db(), phone.sessionToken);
      expect(await findSignInSession(db(), phone.sessionToken, t0)).toBeUndefined();
      expect(await findSignInSession(db(), laptop.sessionToken, t0)).toBeDefined();

      expect(await endAllSignInSessions(db(), laptop.personId)).toBe(2);
      expect(await findSignInSession(db(), laptop.sessionToken, t0)).toBeUndefined();
      expect(await findSignInSession(db(), office.sessionToken, t0)).toBeUndefined();
      expect(await db().selectFrom("auth_session").where("person_id", "=", laptop.personId).selectAll().execute()).toEqual([]);
      expect(await findSignInSession(db(), someoneElse.sessionToken, t0)).toBeDefined();
    });

    it("gives requirePerson the person of the cookie, and sends anyone else to the sign-in page", async () => {
      const { email } = fresh();
      const { sessionToken, personId } = await signIn(email);
      expect(await requirePerson(withCookie(sessionToken), context())).toMatchObject({ personId, email, language: "fr" });

      const redirect = await requirePerson(new Request(`${publicUrl}/en/2026/practical-information?x=1`), context()).catch((e: unknown) => e);
      expect(redirect).toBeInstanceOf(Response);
      expect((redirect as Response).headers.get("Location")).toBe(
        `/en/sign-in?return_to=${encodeURIComponent("/en/2026/practical-information?x=1")}`,
      );
      expect(await optionalPerson(withCookie("B".repeat(43)), context())).toBeNull();
      expect(await optionalPerson(withCookie("not a token"), context())).toBeNull();
    });
  });

  describe("CSRF", () => {
    const post = (headers: Record<string, string>) => new Request(`${publicUrl}/fr/connexion`, { method: "POST", headers });
    const form = (fields: Record<string, string> = {}) => {
      const data = new FormData();
      for (const [name, value] of Object.entries(fields)) data.set(name, value);
      return data;
    };
    const check = (request: Request, fields?: Record<string, string>, person?: Awaited<ReturnType<typeof findSignInSession>>) => () =>
      verifyCsrf({ request, context: context() }, form(fields), person);
    const crossSite = expect.objectContaining({ code: "cross_site_form" });
    const csrfRejected = expect.objectContaining({ code: "csrf_rejected" });

    it("accepts an anonymous form from a page of the site, at its public address or the one the request was sent to", () => {
      expect(check(post({ Origin: publicUrl }))).not.toThrow();
      const local = new Request("http://localhost:3210/fr/connexion", { method: "POST", headers: { Origin: "http://localhost:3210" } });
      expect(check(local)).not.toThrow();
      expect(check(post({ "Sec-Fetch-Site": "same-origin" }))).not.toThrow();
    });

    it("refuses a form sent from another site", () => {
      expect(check(post({ Origin: "https://evil.example" }))).toThrow(crossSite);
      expect(check(post({ Origin: "http://rencontres.example.org" }))).toThrow(crossSite);
      expect(check(post({ Origin: "null" }))).toThrow(crossSite);
      expect(check(post({ "Sec-Fetch-Site": "cross-site" }))).toThrow(crossSite);
      expect(check(post({ "Sec-Fetch-Site": "same-site" }))).toThrow(crossSite);
    });

    it("requires the session's token in a signed-in person's form, even from the site itself", async () => {
      const { sessionToken } = await signIn(fresh().email);
      const person = await findSignInSession(db(), sessionToken, t0);
      if (!person) throw new Error("no session");
      const sameSite = post({ Origin: publicUrl });
      expect(check(sameSite, { csrf: person.csrfToken }, person)).not.toThrow();
      expect(check(sameSite, {}, person)).toThrow(csrfRejected);
      expect(check(sameSite, { csrf: `${person.csrfToken.slice(0, -1)}x` }, person)).toThrow(csrfRejected);
      expect(check(post({ Origin: "https://evil.example" }), { csrf: person.csrfToken }, person)).toThrow(crossSite);
    });
  });
});

describe("session cookie", () => {
  it("is __Host- prefixed and Secure on https, HttpOnly and SameSite=Lax on every site", () => {
    expect(sessionCookie({ PUBLIC_URL: "https://rencontres.example.org" }, "T")).toMatch(
      /^__Host-rencontres_session=T; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax; Secure$/,
    );
    expect(sessionCookie({ PUBLIC_URL: "http://localhost:3000" }, "T")).toMatch(
      /^rencontres_session=T; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax$/,
    );
  });
});

describe("page to come back to after signing in", () => {
  it.each(["/fr/2026", "/en/2026/programme?day=2#top"])("keeps %s", (path) => {
    expect(safeReturnTo(path)).toBe(path);
  });
  it.each([
    "//evil.example/",
    "/\\evil.example",
    "https://evil.example/",
    "javascript:alert(1)",
    "",
    null,
    // Each of these starts with one slash but resolves, or is read by a browser, as "//evil.example".
    "/..//evil.example",
    "/%2e%2e//evil.example",
    "/%2E%2E//evil.example",
    "/.//evil.example",
    "/./%2e//evil.example",
    "/\\\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
  ])("drops %j", (path) => {
    expect(safeReturnTo(path)).toBeUndefined();
  });

  it("never answers a path that a browser would read as another site", () => {
    const nasty = ["/", ".", "..", "%2e", "%2E", "\\", "\t", "\n", "evil.example", "%2f", "%5c", "?", "#", ":", "@"];
    for (const a of nasty) for (const b of nasty) for (const c of nasty) {
      const result = safeReturnTo(`/${a}${b}${c}`);
      if (result === undefined) continue;
      expect(result.startsWith("/")).toBe(true);
      expect(result.startsWith("//") || result.startsWith("/\\")).toBe(false);
      expect(new URL(result, "https://site.example").origin).toBe("https://site.example");
    }
  });
});
