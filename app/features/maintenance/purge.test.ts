import { beforeEach, describe, expect, it } from "vitest";
import { openPostgres } from "~/db/connection.server";
import type { DB } from "~/db/schema";
import { createEdition, createPerson, registrationRequest } from "~/test/factories";
import { register } from "~/features/registration/registration.server";
import { createTestDatabase, databaseKinds, useTestDatabase } from "~/test/database";
import { sql, type Insertable, type Kysely } from "kysely";
import { purgeExpired, retention, startPurge } from "./purge.server";

const now = new Date("2026-07-08T08:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);
const ahead = (ms: number) => new Date(now.getTime() + ms);
const minute = 60_000;
/** An expiry of a sign-in link `ms` before the purge may delete it. */
const linkDead = (ms: number) => ago(retention.signInLinkMs + ms);

async function clear(db: Kysely<DB>) {
  for (const table of ["sign_in_token", "auth_session", "rate_limit", "mail_outbox"] as const) await db.deleteFrom(table).execute();
}

function signInTokens(label: string, expiresAt: Date[]): Insertable<DB["sign_in_token"]>[] {
  return expiresAt.map((expires_at, index) => ({
    email: "someone@example.org",
    token_hash: `${label}-${index}`,
    language: "fr",
    created_at: new Date(expires_at.getTime() - 10 * minute),
    expires_at,
  }));
}

function mail(label: string, status: "pending" | "sent" | "failed", createdAt: Date): Insertable<DB["mail_outbox"]> {
  return {
    to_address: "someone@example.org",
    language: "fr",
    subject: label,
    text_body: label,
    html_body: label,
    status,
    created_at: createdAt,
    sent_at: status === "sent" ? createdAt : null,
  };
}

describe.each(databaseKinds)("periodic purge on %s", (kind) => {
  const database = useTestDatabase(kind, { demo: true });
  const db = () => database().db;
  beforeEach(() => clear(db()));

  it("deletes sign-in links expired for a day, used or not, and keeps those still valid or just expired", async () => {
    await db()
      .insertInto("sign_in_token")
      .values([
        ...signInTokens("expired", [linkDead(minute), linkDead(0)]),
        { ...signInTokens("used", [linkDead(1)])[0]!, used_at: linkDead(5 * minute) },
        ...signInTokens("late", [ago(minute), now]),
        ...signInTokens("valid", [ahead(1), ahead(9 * minute)]),
      ])
      .execute();

    expect(await purgeExpired(db(), now)).toEqual({ signInTokens: 3, authSessions: 0, rateLimits: 0, mail: 0, healthAnswers: 0, formSubmissions: 0, webauthnChallenges: 0 });
    const left = await db().selectFrom("sign_in_token").select("token_hash").orderBy("token_hash").execute();
    expect(left.map((row) => row.token_hash)).toEqual(["late-0", "late-1", "valid-0", "valid-1"]);
  });

  it("deletes ended sign-in sessions and keeps live ones", async () => {
    const { id: personId } = await createPerson(db());
    const session = (token: string, expiresAt: Date) => ({ token_hash: token, person_id: personId, csrf_token: token, expires_at: expiresAt });
    await db()
      .insertInto("auth_session")
      .values([session("ended", ago(86_400_000)), session("just-ended", now), session("live", ahead(1))])
      .execute();

    expect((await purgeExpired(db(), now)).authSessions).toBe(2);
    expect(await db().selectFrom("auth_session").select("token_hash").execute()).toEqual([{ token_hash: "live" }]);
  });

  it("deletes rate-limit windows that started more than a day ago and keeps recent ones", async () => {
    await db()
      .insertInto("rate_limit")
      .values([
        { key: "sign-in-client:192.0.2.1", window_start: ago(retention.rateLimitMs + 15 * minute), count: 3 },
        { key: "sign-in-client:192.0.2.1", window_start: ago(retention.rateLimitMs), count: 20 },
        { key: "sign-in-client:192.0.2.1", window_start: ago(15 * minute), count: 2 },
        { key: "sign-in-address:abc", window_start: ago(retention.rateLimitMs), count: 1 },
        { key: "sign-in-address:abc", window_start: now, count: 1 },
      ])
      .execute();

    expect((await purgeExpired(db(), now)).rateLimits).toBe(1);
    const left = await db().selectFrom("rate_limit").select(["key", "window_start"]).orderBy("key").orderBy("window_start").execute();
    expect(left).toEqual([
      { key: "sign-in-address:abc", window_start: ago(retention.rateLimitMs) },
      { key: "sign-in-address:abc", window_start: now },
      { key: "sign-in-client:192.0.2.1", window_start: ago(retention.rateLimitMs) },
      { key: "sign-in-client:192.0.2.1", window_start: ago(15 * minute) },
    ]);
  });

  it("deletes sent and given-up e-mails after 30 days, and never one still to send", async () => {
    const old = ago(retention.mailMs + 1);
    await db()
      .insertInto("mail_outbox")
      .values([
        mail("old sent", "sent", old),
        mail("old failed", "failed", old),
        mail("old pending", "pending", old),
        mail("recent sent", "sent", ago(retention.mailMs)),
        mail("recent failed", "failed", ago(minute)),
      ])
      .execute();

    expect((await purgeExpired(db(), now)).mail).toBe(2);
    const left = await db().selectFrom("mail_outbox").select("subject").orderBy("subject").execute();
    expect(left.map((row) => row.subject)).toEqual(["old pending", "recent failed", "recent sent"]);
  });

  it("deletes passkey challenges past their expiry, and keeps those still waiting for an answer", async () => {
    const { id: personId } = await createPerson(db());
    const sessions = await db()
      .insertInto("auth_session")
      .values(["abandoned", "just-expired", "waiting"].map((token) => ({ token_hash: token, person_id: personId, csrf_token: token, expires_at: ahead(12 * 60 * minute) })))
      .returning(["id", "token_hash"])
      .execute();
    const sessionId = (token: string) => sessions.find((session) => session.token_hash === token)!.id;
    await db()
      .insertInto("webauthn_challenge")
      .values([
        { session_id: sessionId("abandoned"), ceremony: "registration", challenge: "abandoned-registration", expires_at: ago(3 * 24 * 60 * minute) },
        { session_id: sessionId("abandoned"), ceremony: "authentication", challenge: "abandoned-authentication", expires_at: ago(minute) },
        { session_id: sessionId("just-expired"), ceremony: "authentication", challenge: "just-expired", expires_at: now },
        { session_id: sessionId("waiting"), ceremony: "registration", challenge: "waiting-registration", expires_at: ahead(1) },
        { session_id: sessionId("waiting"), ceremony: "authentication", challenge: "waiting-authentication", expires_at: ahead(5 * minute) },
      ])
      .execute();

    expect(await purgeExpired(db(), now)).toEqual({ signInTokens: 0, authSessions: 0, rateLimits: 0, mail: 0, healthAnswers: 0, formSubmissions: 0, webauthnChallenges: 3 });
    const left = await db().selectFrom("webauthn_challenge").select("challenge").orderBy("challenge").execute();
    expect(left.map((row) => row.challenge)).toEqual(["waiting-authentication", "waiting-registration"]);
    // The sessions themselves are live: only their spent challenges went.
    expect(await db().selectFrom("auth_session").select("id").where("person_id", "=", personId).execute()).toHaveLength(3);
  });

  it("deletes more rows than one batch holds, batch after batch", async () => {
    await db()
      .insertInto("sign_in_token")
      .values(signInTokens("expired", Array.from({ length: 25 }, (_, index) => linkDead(index))))
      .execute();
    expect((await purgeExpired(db(), now, 10)).signInTokens).toBe(25);
    expect(await db().selectFrom("sign_in_token").select("id").execute()).toEqual([]);
    expect(await purgeExpired(db(), now, 10)).toEqual({ signInTokens: 0, authSessions: 0, rateLimits: 0, mail: 0, healthAnswers: 0, formSubmissions: 0, webauthnChallenges: 0 });
  });

  it("purges once when started, then every interval until stopped", async () => {
    await db().insertInto("sign_in_token").values(signInTokens("expired", [linkDead(1)])).execute();
    let clock = now;
    const stop = startPurge({ db: db(), now: () => clock, intervalMs: 50 });
    await expect.poll(() => db().selectFrom("sign_in_token").select("id").execute()).toEqual([]);

    await db().insertInto("sign_in_token").values(signInTokens("later", [ahead(minute)])).execute();
    clock = new Date(ahead(2 * minute).getTime() + retention.signInLinkMs);
    await expect.poll(() => db().selectFrom("sign_in_token").select("id").execute()).toEqual([]);

    await stop();
    await db().insertInto("sign_in_token").values(signInTokens("after-stop", [linkDead(1)])).execute();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await db().selectFrom("sign_in_token").select("token_hash").execute()).toEqual([{ token_hash: "after-stop-0" }]);
  });

  it("lets the database tidy itself after each purge: on PGlite, fresh statistics for the planner", async () => {
    let maintained = 0;
    const stop = startPurge({ db: db(), now: () => now, intervalMs: 50, maintain: async () => void (maintained += 1) });
    await expect.poll(() => maintained).toBeGreaterThanOrEqual(2);
    await stop();
    await database().maintain();
    // Analyzed: the planner knows how many sessions there are (PGlite never does it on its own).
    const analyzed = await sql<{ count: number }>`select count(*)::int as count from pg_stat_user_tables where relname = 'auth_session' and (last_analyze is not null or last_autoanalyze is not null)`.execute(db());
    if (kind === "pglite") expect(analyzed.rows).toEqual([{ count: 1 }]);
  });

  it("deletes the answers to health questions once the edition's last day is over where it takes place, and nothing else", async () => {
    const editionId = await createEdition(db());
    await db().updateTable("edition").set({ time_zone: "America/Montreal" }).where("id", "=", editionId).execute();
    await db().insertInto("edition_day").values([{ edition_id: editionId, day: "2026-07-09" }, { edition_id: editionId, day: "2026-07-10" }]).execute();
    const question = (label: string, health: boolean) =>
      db()
        .insertInto("registration_question")
        .values({ edition_id: editionId, kind: "text", label: JSON.stringify({ fr: label, en: label }), health_data: health })
        .returning("id")
        .executeTakeFirstOrThrow();
    const [health, other] = [await question("Accès", true), await question("Atelier", false)];
    const person = await createPerson(db());
    const request = registrationRequest(editionId, person);
    const { id } = await register(db(), {
      ...request,
      answers: { [health.id]: "Wheelchair access", [other.id]: "Water" },
      consents: { ...request.consents, health_data: true },
    });
    const answers = () => db().selectFrom("registration_answer").where("registration_id", "=", id).select("question_id").orderBy("question_id").execute();

    // Midnight after 10 July in Montreal is 04:00 UTC on the 11th.
    const lastMinute = new Date("2026-07-11T03:59:00Z");
    expect((await purgeExpired(db(), lastMinute)).healthAnswers).toBe(0);
    expect(await answers()).toHaveLength(2);
    expect((await purgeExpired(db(), new Date("2026-07-11T04:00:00Z"))).healthAnswers).toBe(1);
    expect(await answers()).toEqual([{ question_id: other.id }]);
    const consent = await db().selectFrom("consent").where("registration_id", "=", id).where("kind", "=", "health_data").select("granted").executeTakeFirst();
    expect(consent).toEqual({ granted: true });
  });

  it("lets two purgers run at once: neither fails, together they delete each expired row once and nothing else", async () => {
    // On PostgreSQL the second purger has its own connections, as another process would.
    const own = await createTestDatabase(kind);
    const other = own.url ? await openPostgres(own.url, 4) : own;
    const db = () => own.db;
    try {
      const { id: personId } = await createPerson(db());
      const expired = 1200;
      await db()
        .insertInto("sign_in_token")
        .values([...signInTokens("expired", Array.from({ length: expired }, () => linkDead(minute))), ...signInTokens("valid", [ahead(minute)])])
        .execute();
      await db()
        .insertInto("auth_session")
        .values(
          Array.from({ length: expired + 1 }, (_, index) => ({
            token_hash: `session-${index}`,
            person_id: personId,
            csrf_token: "csrf",
            expires_at: index === expired ? ahead(minute) : ago(minute),
          })),
        )
        .execute();
      await db()
        .insertInto("rate_limit")
        .values(
          Array.from({ length: expired + 1 }, (_, index) => ({
            key: `client:${index}`,
            window_start: index === expired ? now : ago(2 * retention.rateLimitMs),
          })),
        )
        .execute();
      await db()
        .insertInto("mail_outbox")
        .values(Array.from({ length: expired + 1 }, (_, index) => mail(`mail ${index}`, "sent", index === expired ? now : ago(2 * retention.mailMs))))
        .execute();

      const results = await Promise.all([purgeExpired(db(), now, 100), purgeExpired(other.db, now, 100)]);

      for (const table of ["signInTokens", "authSessions", "rateLimits", "mail"] as const) {
        expect(results[0][table] + results[1][table]).toBe(expired);
      }
      for (const table of ["sign_in_token", "auth_session", "rate_limit", "mail_outbox"] as const) {
        const { count } = await db().selectFrom(table).select((eb) => eb.fn.countAll().as("count")).executeTakeFirstOrThrow();
        expect(Number(count)).toBe(1);
      }
    } finally {
      if (other !== own) await other.close();
      await own.close();
    }
  });
  it("lets two purgers delete expired passkey challenges at once, each once, and keeps the live one", async () => {
    const own = await createTestDatabase(kind);
    const other = own.url ? await openPostgres(own.url, 4) : own;
    try {
      const { id: personId } = await createPerson(own.db);
      // Live sessions: their challenges go because they expired, not with their session.
      const sessions = await own.db
        .insertInto("auth_session")
        .values(Array.from({ length: 600 }, (_, index) => ({ token_hash: `session-${index}`, person_id: personId, csrf_token: "csrf", expires_at: ahead(60 * minute) })))
        .returning("id")
        .execute();
      await own.db
        .insertInto("webauthn_challenge")
        .values(
          sessions.flatMap(({ id }, index) =>
            (["registration", "authentication"] as const).map((ceremony) => ({
              session_id: id,
              ceremony,
              challenge: `${ceremony}-${index}`,
              expires_at: index === 0 && ceremony === "authentication" ? ahead(minute) : ago(minute),
            })),
          ),
        )
        .execute();

      const results = await Promise.all([purgeExpired(own.db, now, 100), purgeExpired(other.db, now, 100)]);

      expect(results[0].webauthnChallenges + results[1].webauthnChallenges).toBe(1199);
      expect(await own.db.selectFrom("webauthn_challenge").select("challenge").execute()).toEqual([{ challenge: "authentication-0" }]);
    } finally {
      if (other !== own) await other.close();
      await own.close();
    }
  });
});
