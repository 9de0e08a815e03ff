import { Secret, TOTP } from "otpauth";
import { describe, expect, it } from "vitest";
import { databaseKinds, useTestDatabase } from "~/test/database";
import { createStaff } from "~/test/factories";
import {
  confirmTotpEnrolment,
  hasFreshFactor,
  listFactors,
  openTotpSecret,
  passkeyAuthenticationOptions,
  passkeyRegistrationOptions,
  recoveryCodesLeft,
  regenerateRecoveryCodes,
  registerPasskey,
  removeFactor,
  sealTotpSecret,
  startTotpEnrolment,
  useRecoveryCode,
  verifyPasskey,
  verifyTotp,
} from "./second-factor.server";
import { findSignInSession, openSignInSession } from "./sign-in-sessions.server";

const now = new Date("2026-05-01T10:00:00Z");
const settings = { publicUrl: "https://rencontres.example.org", siteName: "Rencontres", secretKey: "k".repeat(40) };
const codeAt = (secret: string, at: Date) => new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: at.getTime() });
const later = (ms: number) => new Date(now.getTime() + ms);

describe("TOTP secrets at rest", () => {
  it("are encrypted under a key derived from SECRET_KEY, readable only with it, and kept plain without one", () => {
    const sealed = sealTotpSecret("JBSWY3DPEHPK3PXP", settings.secretKey);
    expect(sealed).not.toContain("JBSWY3DPEHPK3PXP");
    expect(openTotpSecret(sealed, settings.secretKey)).toBe("JBSWY3DPEHPK3PXP");
    expect(() => openTotpSecret(sealed, "x".repeat(40))).toThrow();
    expect(() => openTotpSecret(sealed, undefined)).toThrow();
    expect(openTotpSecret(sealTotpSecret("JBSWY3DPEHPK3PXP", undefined), undefined)).toBe("JBSWY3DPEHPK3PXP");
  });
});

describe.each(databaseKinds)("second factors on %s", (kind) => {
  const database = useTestDatabase(kind, { demo: true });
  const db = () => database().db;

  /** A person holding a role, signed in; `session()` reads their session as a request would. */
  async function staffSession(at = now) {
    const person = await createStaff(db(), "organiser", 2026);
    const { token } = await openSignInSession(db(), person.id, at);
    const session = async (when = at) => (await findSignInSession(db(), token, when))!;
    return { person, session };
  }

  async function enrolTotp(session: Awaited<ReturnType<typeof staffSession>>["session"]) {
    const { secret } = await startTotpEnrolment(db(), await session(), now, settings);
    const { recoveryCodes } = await confirmTotpEnrolment(db(), await session(), codeAt(secret, now), now, settings);
    return { secret, recoveryCodes: recoveryCodes ?? [] };
  }

  it("enrols a TOTP app with a first code, which passes the session and gives ten recovery codes once", async () => {
    const { person, session } = await staffSession();
    expect(hasFreshFactor(await session(), now)).toBe(false);
    const { secret } = await startTotpEnrolment(db(), await session(), now, settings);
    // A wrong first code confirms nothing.
    await expect(confirmTotpEnrolment(db(), await session(), "000000", now, settings)).rejects.toMatchObject({ code: "second_factor_code_wrong" });
    expect(await listFactors(db(), person.id)).toEqual([]);
    const { recoveryCodes } = await confirmTotpEnrolment(db(), await session(), codeAt(secret, now), now, settings);
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    expect(await listFactors(db(), person.id)).toMatchObject([{ kind: "totp" }]);
    expect(hasFreshFactor(await session(), now)).toBe(true);
    // The database keeps neither the codes nor the secret as they are.
    const stored = await db().selectFrom("recovery_code").select("code_hash").where("person_id", "=", person.id).execute();
    expect(stored.map((row) => row.code_hash)).not.toContain(recoveryCodes![0]);
    const factor = await db().selectFrom("second_factor").select("totp_secret").where("person_id", "=", person.id).executeTakeFirstOrThrow();
    expect(factor.totp_secret).not.toContain(secret);
    // A second app does not draw new codes: those shown stay the ones that work.
    const second = await startTotpEnrolment(db(), await session(), now, settings);
    expect(await confirmTotpEnrolment(db(), await session(), codeAt(second.secret, now), now, settings)).toEqual({ recoveryCodes: null });
  });

  it("refuses a TOTP code already used in its time step, and accepts the next step's", async () => {
    const { session } = await staffSession();
    const { secret } = await enrolTotp(session);
    const at = later(60_000);
    await verifyTotp(db(), await session(at), codeAt(secret, at), at, settings);
    await expect(verifyTotp(db(), await session(at), codeAt(secret, at), later(65_000), settings)).rejects.toMatchObject({ code: "second_factor_code_wrong" });
    // The enrolment's code is spent too.
    await expect(verifyTotp(db(), await session(now), codeAt(secret, now), now, settings)).rejects.toMatchObject({ code: "second_factor_code_wrong" });
    const next = later(120_000);
    await verifyTotp(db(), await session(next), codeAt(secret, next), next, settings);
    expect((await session(next)).secondFactorAt).toEqual(next);
  });

  it("spends each recovery code once, and draws ten new ones only just after a factor passed", async () => {
    const { person, session } = await staffSession();
    const { recoveryCodes } = await enrolTotp(session);
    const at = later(13 * 3600_000);
    expect(hasFreshFactor(await session(at), at)).toBe(false);
    await useRecoveryCode(db(), await session(at), recoveryCodes[0]!.toUpperCase(), at);
    expect(hasFreshFactor(await session(at), at)).toBe(true);
    await expect(useRecoveryCode(db(), await session(at), recoveryCodes[0]!, at)).rejects.toMatchObject({ code: "second_factor_code_wrong" });
    expect(await recoveryCodesLeft(db(), person.id)).toBe(9);

    await expect(regenerateRecoveryCodes(db(), await session(later(13 * 3600_000 + 10 * 60_000)), later(13 * 3600_000 + 10 * 60_000))).rejects.toMatchObject({
      code: "second_factor_not_recent",
    });
    const fresh = await regenerateRecoveryCodes(db(), await session(at), at);
    expect(fresh).toHaveLength(10);
    await expect(useRecoveryCode(db(), await session(at), recoveryCodes[1]!, at)).rejects.toMatchObject({ code: "second_factor_code_wrong" });
    await useRecoveryCode(db(), await session(at), fresh[0]!, at);
  });

  it("asks again after 12 hours", async () => {
    const { session } = await staffSession();
    await enrolTotp(session);
    expect(hasFreshFactor(await session(later(12 * 3600_000 - 1000)), later(12 * 3600_000 - 1000))).toBe(true);
    expect(hasFreshFactor(await session(later(12 * 3600_000)), later(12 * 3600_000))).toBe(false);
  });

  it("limits code attempts per person, and a right code past the limit passes nothing", async () => {
    const { session } = await staffSession();
    const { secret } = await enrolTotp(session);
    const at = later(60_000);
    for (let attempt = 1; attempt < 10; attempt++) {
      await expect(verifyTotp(db(), await session(at), "123456", at, settings)).rejects.toMatchObject({ code: "second_factor_code_wrong" });
    }
    await expect(verifyTotp(db(), await session(at), codeAt(secret, at), at, settings)).rejects.toMatchObject({ code: "second_factor_rate_limited" });
    expect((await session(at)).secondFactorAt).toEqual(now);
  });

  it("removes a factor only just after a factor passed, and never the last one of someone holding a role", async () => {
    const { person, session } = await staffSession();
    await enrolTotp(session);
    const second = await startTotpEnrolment(db(), await session(), now, settings);
    await confirmTotpEnrolment(db(), await session(), codeAt(second.secret, now), now, settings);
    const [first, other] = await listFactors(db(), person.id);
    await expect(removeFactor(db(), await session(later(6 * 60_000)), first!.id, later(6 * 60_000))).rejects.toMatchObject({ code: "second_factor_not_recent" });
    await removeFactor(db(), await session(), first!.id, now);
    await expect(removeFactor(db(), await session(), other!.id, now)).rejects.toMatchObject({ code: "last_second_factor" });
    // Each change is in the audit log, as the person's own and on no edition; the refused one left none.
    const log = await db().selectFrom("audit_log").select(["action", "actor_person_id", "edition_id", "subject_id", "before", "after"]).where("actor_person_id", "=", person.id).orderBy("id").execute();
    expect(log).toEqual([
      { action: "second_factor.add", actor_person_id: person.id, edition_id: null, subject_id: String(first!.id), before: null, after: { kind: "totp" } },
      { action: "second_factor.add", actor_person_id: person.id, edition_id: null, subject_id: String(other!.id), before: null, after: { kind: "totp" } },
      { action: "second_factor.remove", actor_person_id: person.id, edition_id: null, subject_id: String(first!.id), before: { kind: "totp" }, after: null },
    ]);
    expect(await listFactors(db(), person.id)).toHaveLength(1);
    // Someone else's factor is not found, and stays.
    const intruder = await staffSession();
    await enrolTotp(intruder.session);
    await expect(removeFactor(db(), await intruder.session(), other!.id, now)).rejects.toMatchObject({ code: "second_factor_not_found" });
    expect(await listFactors(db(), person.id)).toHaveLength(1);
  });

  it("keeps a passkey challenge per session, refuses an answer without a live one, and names no one else's passkey", async () => {
    const { session } = await staffSession();
    const options = await passkeyRegistrationOptions(db(), await session(), now, settings);
    expect(options.rp).toEqual({ name: "Rencontres", id: "rencontres.example.org" });
    expect(options.challenge).toMatch(/^[\w-]+$/);
    const stored = await db().selectFrom("webauthn_challenge").selectAll().where("session_id", "=", (await session()).sessionId).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ ceremony: "registration", challenge: options.challenge, expires_at: later(5 * 60_000) });
    // A forged answer is refused and spends the challenge.
    const forged = JSON.stringify({ id: "abc", rawId: "abc", type: "public-key", response: { clientDataJSON: "e30", attestationObject: "oA" }, clientExtensionResults: {} });
    await expect(registerPasskey(db(), await session(), forged, now, settings)).rejects.toMatchObject({ code: "passkey_refused" });
    await expect(registerPasskey(db(), await session(), forged, now, settings)).rejects.toMatchObject({ code: "passkey_refused" });
    await expect(registerPasskey(db(), await session(), "not json", now, settings)).rejects.toMatchObject({ code: "passkey_refused" });
    // Without a passkey there is nothing to ask for; with one, only the person's own is allowed.
    expect(await passkeyAuthenticationOptions(db(), await session(), now, settings)).toBeNull();
    const other = await staffSession();
    await db()
      .insertInto("second_factor")
      .values({ person_id: other.person.id, kind: "passkey", label: "passkey", confirmed_at: now, credential_id: "theirs", public_key: "AAAA", sign_count: 0 })
      .execute();
    await passkeyRegistrationOptions(db(), await session(), now, settings);
    await db()
      .insertInto("second_factor")
      .values({ person_id: (await session()).personId, kind: "passkey", label: "passkey", confirmed_at: now, credential_id: "mine", public_key: "AAAA", sign_count: 0 })
      .execute();
    const auth = await passkeyAuthenticationOptions(db(), await session(), now, settings);
    expect(auth?.allowCredentials?.map((credential) => credential.id)).toEqual(["mine"]);
    const theirs = JSON.stringify({ id: "theirs", rawId: "theirs", type: "public-key", response: { clientDataJSON: "e30", authenticatorData: "AA", signature: "AA" }, clientExtensionResults: {} });
    await expect(verifyPasskey(db(), await session(), theirs, now, settings)).rejects.toMatchObject({ code: "passkey_refused" });
    expect((await session()).secondFactorAt).toBeNull();
    // An expired challenge is no challenge.
    await passkeyAuthenticationOptions(db(), await session(), now, settings);
    const mine = theirs.replaceAll("theirs", "mine");
    await expect(verifyPasskey(db(), await session(), mine, later(6 * 60_000), settings)).rejects.toMatchObject({ code: "passkey_refused" });
  });
});
