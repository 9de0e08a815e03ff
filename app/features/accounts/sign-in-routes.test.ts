import { describe, expect, it } from "vitest";
import { cacheSecondsHeader } from "~/lib/http.server";
import { action as signInAction, headers as signInHeaders, loader as signInLoader } from "~/routes/sign-in";
import { action as linkAction, headers as linkHeaders, loader as linkLoader } from "~/routes/sign-in-link";
import { action as signOutAction } from "~/routes/sign-out";
import { databaseKinds, useTestDatabase } from "~/test/database";
import { hashSecret } from "./secrets.server";
import { findSignInSession } from "./sign-in-sessions.server";
import { requestsPerClient } from "./sign-in.server";
import { answer } from "~/test/route-answers";

const publicUrl = "https://rencontres.example.org";
const now = new Date("2026-04-15T08:00:00Z");

/** Status and body of what an action answered: a plain value, `data(…)` or a Response. */

describe.each(databaseKinds)("sign-in pages on %s", (kind) => {
  const database = useTestDatabase(kind);
  const db = () => database().db;
  let clients = 0;

  function args(path: string, options: { form?: Record<string, string>; headers?: Record<string, string>; client?: string } = {}) {
    clients += 1;
    const body = options.form ? new URLSearchParams(options.form) : undefined;
    const request = new Request(publicUrl + path, {
      method: body ? "POST" : "GET",
      headers: { Origin: publicUrl, ...options.headers },
      body,
    });
    const context = { db: db(), env: { PUBLIC_URL: publicUrl }, now: () => now, clientAddress: options.client ?? `198.51.100.${clients}` };
    return { request, context, params: {} } as never;
  }

  async function latestToken(email: string) {
    const mail = await db()
      .selectFrom("mail_outbox")
      .select("text_body")
      .where("to_address", "=", email)
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    const token = /token=([\w-]{43})/.exec(mail.text_body)?.[1];
    if (!token) throw new Error("no token");
    return token;
  }

  async function signedIn(email: string) {
    await signInAction(args("/en/sign-in", { form: { email } }));
    const result = answer(await linkAction(args("/en/sign-in/link", { form: { token: await latestToken(email) } })));
    const cookie = result.headers.get("Set-Cookie")?.split(";")[0] ?? "";
    const person = await findSignInSession(db(), cookie.split("=")[1] ?? "", now);
    if (!person) throw new Error("not signed in");
    return { cookie, person };
  }

  it("keeps its pages out of every cache", () => {
    for (const headers of [signInHeaders, linkHeaders]) {
      const sent = new Headers(headers({} as never));
      expect(sent.has(cacheSecondsHeader)).toBe(false);
      expect(sent.get("Cache-Control")).toBe("private, no-store");
    }
  });

  it("answers the same page for an address with an account and one without", async () => {
    await signedIn("known@example.org");
    const known = answer(await signInAction(args("/en/sign-in", { form: { email: "Known@Example.org " } })));
    const unknown = answer(await signInAction(args("/en/sign-in", { form: { email: "unknown@example.org" } })));
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(known.status);
    expect(JSON.stringify(unknown.body).replace("unknown@", "known@")).toBe(JSON.stringify(known.body));
  });

  it("shows back at most what the e-mail field holds", async () => {
    const result = answer(await signInAction(args("/fr/connexion", { form: { email: `${"x".repeat(100_000)}@example.org` } })));
    expect(result.status).toBe(400);
    expect(result.body).toEqual({ outcome: "invalid_email", email: "x".repeat(254) });
  });

  it("refuses a sign-in request sent from another site, and sends nothing", async () => {
    const result = answer(
      await signInAction(args("/fr/connexion", { form: { email: "target@example.org" }, headers: { Origin: "https://evil.example" } })),
    );
    expect(result).toMatchObject({ status: 403, body: { error: { code: "cross_site_form" } } });
    expect(await db().selectFrom("mail_outbox").where("to_address", "=", "target@example.org").selectAll().execute()).toEqual([]);
  });

  it("answers 429 to a network address over its limit", async () => {
    const client = "203.0.113.77";
    for (let i = 0; i < requestsPerClient; i += 1) {
      await signInAction(args("/fr/connexion", { form: { email: `crowd${i}@example.org` }, client }));
    }
    const result = answer(await signInAction(args("/fr/connexion", { form: { email: "one-more@example.org" }, client })));
    expect(result).toMatchObject({ status: 429, body: { error: { code: "rate_limited" } } });
  });

  it("does not sign in when the link is only opened, but when its button is pressed", async () => {
    await signInAction(args("/fr/connexion", { form: { email: "scanned@example.org", return_to: "/fr/2026" } }));
    const token = await latestToken("scanned@example.org");
    await linkLoader(args(`/fr/connexion/lien?token=${token}`));
    const link = await db().selectFrom("sign_in_token").selectAll().where("token_hash", "=", hashSecret(token)).executeTakeFirstOrThrow();
    expect(link.used_at).toBeNull();
    expect(await db().selectFrom("person").where("email", "=", "scanned@example.org").selectAll().execute()).toEqual([]);

    const result = answer(await linkAction(args("/fr/connexion/lien", { form: { token } })));
    expect(result.status).toBe(303);
    expect(result.headers.get("Location")).toBe("/fr/2026");
    expect(result.headers.get("Set-Cookie")).toMatch(/^__Host-rencontres_session=[\w-]{43}; Path=\/;.* HttpOnly; SameSite=Lax; Secure$/);
  });

  it("sends a signed-in person back only to a path of this site, never to a protocol-relative address", async () => {
    const { cookie } = await signedIn("returning@example.org");
    const visit = async (returnTo: string) => {
      const outcome = await signInLoader(args(`/fr/connexion?${new URLSearchParams({ return_to: returnTo })}`, { headers: { Cookie: cookie } })).then(
        (value) => value,
        (thrown: unknown) => thrown,
      );
      return outcome instanceof Response ? outcome.headers.get("Location") : undefined;
    };
    expect(await visit("/fr/2026")).toBe("/fr/2026");
    for (const nasty of ["/..//evil.example", "/%2e%2e//evil.example", "/.//evil.example", "/\\evil.example", "/\t/evil.example", "/\n/evil.example"]) {
      expect(await visit(nasty), nasty).toBe("/fr/espace");
    }
  });

  it("shows a spent link as used, with a form for a new link keeping its address and return path", async () => {
    await signInAction(args("/en/sign-in", { form: { email: "twice@example.org", return_to: "/en/2026" } }));
    const token = await latestToken("twice@example.org");
    const first = answer(await linkAction(args("/en/sign-in/link", { form: { token } })));
    expect(first.headers.get("Location")).toBe("/en/2026");
    const page = (await linkLoader(args(`/en/sign-in/link?token=${token}`))) as { token?: string; dead?: unknown };
    expect(page.token).toBeUndefined();
    expect(page.dead).toEqual({ state: "used", email: "twice@example.org", returnTo: "/en/2026" });
    const again = answer(await linkAction(args("/en/sign-in/link", { form: { token } })));
    expect(again).toMatchObject({ status: 400, body: { dead: { state: "used", email: "twice@example.org" } } });
    const unknown = (await linkLoader(args(`/en/sign-in/link?token=${"B".repeat(43)}`))) as { dead?: unknown };
    expect(unknown.dead).toEqual({ state: "unknown", email: "", returnTo: undefined });
  });

  it("sends someone who signs in without a page to come back to into their space", async () => {
    await signInAction(args("/en/sign-in", { form: { email: "nowhere@example.org" } }));
    const result = answer(await linkAction(args("/en/sign-in/link", { form: { token: await latestToken("nowhere@example.org") } })));
    expect(result.headers.get("Location")).toBe("/en/my-space");
  });

  it("signs out only with the session's CSRF token, this device or everywhere", async () => {
    const laptop = await signedIn("leaving@example.org");
    const phone = await signedIn("leaving@example.org");
    const forged = answer(
      await signOutAction(args("/en/sign-out", { form: { scope: "everywhere", csrf: "forged" }, headers: { Cookie: laptop.cookie } })),
    );
    expect(forged).toMatchObject({ status: 403, body: { error: { code: "csrf_rejected" } } });
    expect(await findSignInSession(db(), laptop.cookie.split("=")[1] ?? "", now)).toBeDefined();

    const out = answer(
      await signOutAction(args("/en/sign-out", { form: { csrf: laptop.person.csrfToken }, headers: { Cookie: laptop.cookie } })),
    );
    expect(out.status).toBe(303);
    expect(out.headers.get("Set-Cookie")).toMatch(/^__Host-rencontres_session=; Path=\/; Max-Age=0;/);
    expect(await findSignInSession(db(), laptop.cookie.split("=")[1] ?? "", now)).toBeUndefined();
    expect(await findSignInSession(db(), phone.cookie.split("=")[1] ?? "", now)).toBeDefined();

    const tablet = await signedIn("leaving@example.org");
    await signInAction(args("/en/sign-in", { form: { email: "leaving@example.org" } }));
    const unusedLink = await latestToken("leaving@example.org");
    await signOutAction(
      args("/en/sign-out", { form: { scope: "everywhere", csrf: tablet.person.csrfToken }, headers: { Cookie: tablet.cookie } }),
    );
    expect(await db().selectFrom("auth_session").where("person_id", "=", tablet.person.personId).selectAll().execute()).toEqual([]);
    // A link that was waiting in the mailbox would have opened a new session: it is spent too.
    expect(answer(await linkAction(args("/en/sign-in/link", { form: { token: unusedLink } }))).status).toBe(400);
  });
});
