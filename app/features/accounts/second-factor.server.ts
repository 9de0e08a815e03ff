import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, randomInt } from "node:crypto";
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import type { Kysely, Transaction } from "kysely";
import { Secret, TOTP } from "otpauth";
import type { DB, SecondFactorKind, WebAuthnCeremony } from "~/db/schema";
import { recordAudit } from "~/features/organisers/audit.server";
import { AppError } from "~/lib/errors";
import { countAttempt } from "./rate-limit.server";
import { hashSecret } from "./secrets.server";
import type { SignedInPerson } from "./sign-in-sessions.server";

// The second factor asked of everyone who holds a back-office role, after the e-mailed link:
// a passkey (WebAuthn), else a TOTP app, and ten single-use recovery codes for the day both are
// out of reach. See docs/decisions/0022-second-factors.md.

/** A factor that passed keeps the back office open this long on its session. */
export const secondFactorLifetimeMs = 12 * 60 * 60 * 1000;
/** Removing a factor or drawing new recovery codes needs a factor passed this recently. */
export const recentVerificationMs = 5 * 60 * 1000;
/** A WebAuthn challenge waits this long for its answer. */
export const challengeLifetimeMs = 5 * 60 * 1000;
/** Codes (TOTP or recovery) a person may try in a window, whatever the device. */
export const codeAttemptsPerWindow = 10;
const codeAttemptWindowMs = 15 * 60 * 1000;
export const recoveryCodeCount = 10;

type Db = Kysely<DB> | Transaction<DB>;
type Session = Pick<SignedInPerson, "personId" | "email" | "sessionId" | "secondFactorAt">;

/** What a factor check needs from the server's settings. */
export interface FactorSettings {
  /** The site's public address: the WebAuthn relying party is its host, and its origin is expected. */
  publicUrl: string;
  /** SECRET_KEY: when set, TOTP secrets are stored encrypted under a key derived from it. */
  secretKey?: string;
  /** The name authenticator apps and passkey managers show. */
  siteName: string;
  /**
   * The instant TOTP codes are read at, when it is not the application's `now`: an authenticator
   * app runs on the real clock, even when CLOCK_AT sets the application's elsewhere.
   */
  codeTime?: Date;
}

/** Whether the session passed a factor less than 12 hours ago. */
export function hasFreshFactor(session: Pick<Session, "secondFactorAt">, now: Date): boolean {
  return session.secondFactorAt !== null && now.getTime() - session.secondFactorAt.getTime() < secondFactorLifetimeMs && session.secondFactorAt <= now;
}

/** Whether the session passed a factor in the last few minutes, as removing one requires. */
export function hasRecentFactor(session: Pick<Session, "secondFactorAt">, now: Date): boolean {
  return session.secondFactorAt !== null && now.getTime() - session.secondFactorAt.getTime() < recentVerificationMs && session.secondFactorAt <= now;
}

// --- TOTP secrets at rest -------------------------------------------------------------------

const sealedPrefix = "aes-256-gcm:";
const plainPrefix = "plain:";

function sealingKey(secretKey: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secretKey, "rencontres", "totp-secret", 32));
}

/** A TOTP secret (base32) as stored: encrypted with AES-256-GCM under SECRET_KEY when set. */
export function sealTotpSecret(base32: string, secretKey: string | undefined): string {
  if (!secretKey) return plainPrefix + base32;
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", sealingKey(secretKey), iv);
  const body = Buffer.concat([cipher.update(base32, "utf8"), cipher.final()]);
  return sealedPrefix + [iv, body, cipher.getAuthTag()].map((part) => part.toString("base64url")).join(".");
}

/** The base32 secret of a stored TOTP secret; a sealed one needs the SECRET_KEY that sealed it. */
export function openTotpSecret(stored: string, secretKey: string | undefined): string {
  if (stored.startsWith(plainPrefix)) return stored.slice(plainPrefix.length);
  if (!stored.startsWith(sealedPrefix) || !secretKey) throw new Error("TOTP secret sealed under a SECRET_KEY this server does not have");
  const [iv, body, tag] = stored
    .slice(sealedPrefix.length)
    .split(".")
    .map((part) => Buffer.from(part, "base64url"));
  if (!iv || !body || !tag) throw new Error("malformed TOTP secret");
  const decipher = createDecipheriv("aes-256-gcm", sealingKey(secretKey), iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]).toString("utf8");
}

const totpOf = (base32: string, settings: FactorSettings, email: string) =>
  new TOTP({ issuer: settings.siteName, label: email, secret: Secret.fromBase32(base32), algorithm: "SHA1", digits: 6, period: 30 });

// --- Listing --------------------------------------------------------------------------------

export interface FactorSummary {
  id: number;
  kind: SecondFactorKind;
  label: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

/** The person's confirmed factors, oldest first. */
export async function listFactors(db: Db, personId: number): Promise<FactorSummary[]> {
  const rows = await db
    .selectFrom("second_factor")
    .select(["id", "kind", "label", "created_at", "last_used_at"])
    .where("person_id", "=", personId)
    .where("confirmed_at", "is not", null)
    .orderBy("id")
    .execute();
  return rows.map((row) => ({ id: row.id, kind: row.kind, label: row.label, createdAt: row.created_at, lastUsedAt: row.last_used_at }));
}

/** How many recovery codes the person has left. */
export async function recoveryCodesLeft(db: Db, personId: number): Promise<number> {
  const row = await db
    .selectFrom("recovery_code")
    .select((eb) => eb.fn.countAll<string>().as("count"))
    .where("person_id", "=", personId)
    .where("used_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Whether the person holds a live back-office role, on any edition. */
export async function holdsAnyRole(db: Db, personId: number): Promise<boolean> {
  const row = await db.selectFrom("staff_role").select("id").where("person_id", "=", personId).where("revoked_at", "is", null).executeTakeFirst();
  return row !== undefined;
}

/** Records a change to the person's factors in the audit log, as an action on no edition. */
function logFactorChange(tx: Db, session: Session, action: "second_factor.add" | "second_factor.remove" | "second_factor.recovery_codes", entry: { subjectId?: number; before?: unknown; after?: unknown }, now: Date) {
  return recordAudit(tx, { account: { personId: session.personId, email: session.email } }, { action, subjectType: "second_factor", editionId: null, ...entry }, now);
}

// --- Passing a factor -----------------------------------------------------------------------

async function markVerified(db: Db, session: Session, now: Date): Promise<void> {
  await db.updateTable("auth_session").set({ second_factor_at: now }).where("id", "=", session.sessionId).execute();
}

/** Counts a code attempt of the person; refuses it past the limit, before the code is even read. */
async function countCodeAttempt(db: Kysely<DB>, personId: number, now: Date): Promise<void> {
  const allowed = await countAttempt(db, { key: `second-factor:person:${personId}`, limit: codeAttemptsPerWindow, windowMs: codeAttemptWindowMs }, now);
  if (!allowed) throw new AppError("second_factor_rate_limited");
}

const sixDigits = /^\d{6}$/;
const normaliseCode = (code: string) => code.replace(/[\s-]/g, "");

/**
 * The time step of `code` for `base32` at `now` (one step of clock drift either way), or null.
 * A step at or before `lastStep` is refused: a code seen once, even within its 30 seconds, is spent.
 */
function totpStep(base32: string, code: string, now: Date, lastStep: number | null, settings: FactorSettings, email: string): number | null {
  const normalised = normaliseCode(code);
  if (!sixDigits.test(normalised)) return null;
  const totp = totpOf(base32, settings, email);
  const delta = totp.validate({ token: normalised, timestamp: now.getTime(), window: 1 });
  if (delta === null) return null;
  const step = totp.counter({ timestamp: now.getTime() }) + delta;
  if (lastStep !== null && step <= lastStep) return null;
  return step;
}

/** Checks a TOTP code against the person's confirmed TOTP factors; the session passes when one matches. */
export async function verifyTotp(db: Kysely<DB>, session: Session, code: string, now: Date, settings: FactorSettings): Promise<void> {
  await countCodeAttempt(db, session.personId, now);
  const passed = await db.transaction().execute(async (tx) => {
    const factors = await tx
      .selectFrom("second_factor")
      .select(["id", "totp_secret", "totp_last_step"])
      .where("person_id", "=", session.personId)
      .where("kind", "=", "totp")
      .where("confirmed_at", "is not", null)
      .forUpdate()
      .execute();
    for (const factor of factors) {
      if (!factor.totp_secret) continue;
      const step = totpStep(openTotpSecret(factor.totp_secret, settings.secretKey), code, settings.codeTime ?? now, factor.totp_last_step === null ? null : Number(factor.totp_last_step), settings, session.email);
      if (step === null) continue;
      await tx.updateTable("second_factor").set({ totp_last_step: step, last_used_at: now }).where("id", "=", factor.id).execute();
      await markVerified(tx, session, now);
      return true;
    }
    return false;
  });
  if (!passed) throw new AppError("second_factor_code_wrong");
}

/** Spends one of the person's recovery codes; the session passes. A code works once. */
export async function useRecoveryCode(db: Kysely<DB>, session: Session, code: string, now: Date): Promise<void> {
  await countCodeAttempt(db, session.personId, now);
  const normalised = normaliseCode(code).toLowerCase();
  const spent = await db.transaction().execute(async (tx) => {
    const row = await tx
      .updateTable("recovery_code")
      .set({ used_at: now })
      .where("person_id", "=", session.personId)
      .where("code_hash", "=", hashSecret(normalised))
      .where("used_at", "is", null)
      .returning("id")
      .executeTakeFirst();
    if (row) await markVerified(tx, session, now);
    return row !== undefined;
  });
  if (!spent) throw new AppError("second_factor_code_wrong");
}

// --- Recovery codes -------------------------------------------------------------------------

const codeAlphabet = "abcdefghjkmnpqrstuvwxyz23456789";

/** A code of ten characters from an alphabet without look-alikes (about 49 bits), shown as xxxxx-xxxxx. */
function newRecoveryCode(): string {
  const characters = Array.from({ length: 10 }, () => codeAlphabet[randomInt(codeAlphabet.length)]);
  return `${characters.slice(0, 5).join("")}-${characters.slice(5).join("")}`;
}

async function replaceRecoveryCodes(tx: Db, personId: number, now: Date): Promise<string[]> {
  const codes = Array.from({ length: recoveryCodeCount }, newRecoveryCode);
  await tx.deleteFrom("recovery_code").where("person_id", "=", personId).execute();
  await tx
    .insertInto("recovery_code")
    .values(codes.map((code) => ({ person_id: personId, code_hash: hashSecret(normaliseCode(code)), created_at: now })))
    .execute();
  return codes;
}

/** Ten new recovery codes, to show once; the earlier ones stop working. Needs a recent factor. */
export async function regenerateRecoveryCodes(db: Kysely<DB>, session: Session, now: Date): Promise<string[]> {
  if (!hasRecentFactor(session, now)) throw new AppError("second_factor_not_recent");
  return db.transaction().execute(async (tx) => {
    const codes = await replaceRecoveryCodes(tx, session.personId, now);
    await logFactorChange(tx, session, "second_factor.recovery_codes", { after: { codes: codes.length } }, now);
    return codes;
  });
}

/**
 * After a factor is enrolled: the session passes (the person just proved they hold it), and the
 * first factor of a person comes with ten recovery codes, returned to be shown once.
 */
async function enrolled(tx: Transaction<DB>, session: Session, factor: { id: number; kind: SecondFactorKind }, now: Date): Promise<{ recoveryCodes: string[] | null }> {
  await markVerified(tx, session, now);
  await logFactorChange(tx, session, "second_factor.add", { subjectId: factor.id, after: { kind: factor.kind } }, now);
  const others = await tx.selectFrom("recovery_code").select("id").where("person_id", "=", session.personId).executeTakeFirst();
  return { recoveryCodes: others ? null : await replaceRecoveryCodes(tx, session.personId, now) };
}

// --- TOTP enrolment -------------------------------------------------------------------------

/** A TOTP app being enrolled: the secret to type and the otpauth:// address a QR code carries. */
export interface TotpEnrolment {
  secret: string;
  uri: string;
}

/** Starts enrolling a TOTP app: a new secret, replacing one started and never confirmed. */
export async function startTotpEnrolment(db: Kysely<DB>, session: Session, now: Date, settings: FactorSettings): Promise<TotpEnrolment> {
  const secret = new Secret({ size: 20 }).base32;
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom("second_factor").where("person_id", "=", session.personId).where("kind", "=", "totp").where("confirmed_at", "is", null).execute();
    await tx
      .insertInto("second_factor")
      .values({ person_id: session.personId, kind: "totp", label: "totp", created_at: now, totp_secret: sealTotpSecret(secret, settings.secretKey) })
      .execute();
  });
  return { secret, uri: totpOf(secret, settings, session.email).toString() };
}

/** The TOTP app the person started to enrol and has not confirmed, if any. */
export async function pendingTotpEnrolment(db: Db, session: Session, settings: FactorSettings): Promise<TotpEnrolment | null> {
  const row = await db
    .selectFrom("second_factor")
    .select("totp_secret")
    .where("person_id", "=", session.personId)
    .where("kind", "=", "totp")
    .where("confirmed_at", "is", null)
    .executeTakeFirst();
  if (!row?.totp_secret) return null;
  const secret = openTotpSecret(row.totp_secret, settings.secretKey);
  return { secret, uri: totpOf(secret, settings, session.email).toString() };
}

/** Confirms the TOTP app being enrolled with its first code. */
export async function confirmTotpEnrolment(
  db: Kysely<DB>,
  session: Session,
  code: string,
  now: Date,
  settings: FactorSettings,
): Promise<{ recoveryCodes: string[] | null }> {
  await countCodeAttempt(db, session.personId, now);
  return db.transaction().execute(async (tx) => {
    const pending = await tx
      .selectFrom("second_factor")
      .select(["id", "totp_secret"])
      .where("person_id", "=", session.personId)
      .where("kind", "=", "totp")
      .where("confirmed_at", "is", null)
      .forUpdate()
      .executeTakeFirst();
    if (!pending?.totp_secret) throw new AppError("second_factor_not_found");
    const step = totpStep(openTotpSecret(pending.totp_secret, settings.secretKey), code, settings.codeTime ?? now, null, settings, session.email);
    if (step === null) throw new AppError("second_factor_code_wrong");
    await tx.updateTable("second_factor").set({ confirmed_at: now, last_used_at: now, totp_last_step: step }).where("id", "=", pending.id).execute();
    return enrolled(tx, session, { id: pending.id, kind: "totp" }, now);
  });
}

// --- Passkeys -------------------------------------------------------------------------------

const relyingParty = (publicUrl: string) => {
  const url = new URL(publicUrl);
  return { rpID: url.hostname, origin: url.origin };
};

async function storeChallenge(db: Db, session: Session, ceremony: WebAuthnCeremony, challenge: string, now: Date): Promise<void> {
  const expiresAt = new Date(now.getTime() + challengeLifetimeMs);
  await db
    .insertInto("webauthn_challenge")
    .values({ session_id: session.sessionId, ceremony, challenge, expires_at: expiresAt })
    .onConflict((oc) => oc.columns(["session_id", "ceremony"]).doUpdateSet({ challenge, expires_at: expiresAt }))
    .execute();
}

/** The session's challenge for a ceremony, spent as it is read: an answer is checked once. */
async function takeChallenge(db: Db, session: Session, ceremony: WebAuthnCeremony, now: Date): Promise<string> {
  const row = await db
    .deleteFrom("webauthn_challenge")
    .where("session_id", "=", session.sessionId)
    .where("ceremony", "=", ceremony)
    .returning(["challenge", "expires_at"])
    .executeTakeFirst();
  if (!row || row.expires_at <= now) throw new AppError("passkey_refused", "no live challenge");
  return row.challenge;
}

async function passkeysOf(db: Db, personId: number) {
  const rows = await db
    .selectFrom("second_factor")
    .select(["id", "credential_id", "public_key", "sign_count", "transports"])
    .where("person_id", "=", personId)
    .where("kind", "=", "passkey")
    .execute();
  return rows.flatMap((row) =>
    row.credential_id && row.public_key ? [{ id: row.id, credentialId: row.credential_id, publicKey: row.public_key, counter: Number(row.sign_count ?? 0), transports: row.transports ?? undefined }] : [],
  );
}

/** The options a browser needs to create a passkey for the person; its challenge is kept for the session. */
export async function passkeyRegistrationOptions(db: Kysely<DB>, session: Session, now: Date, settings: FactorSettings): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const { rpID } = relyingParty(settings.publicUrl);
  const existing = await passkeysOf(db, session.personId);
  const options = await generateRegistrationOptions({
    rpName: settings.siteName,
    rpID,
    userName: session.email,
    userID: new TextEncoder().encode(`person:${session.personId}`),
    attestationType: "none",
    excludeCredentials: existing.map((passkey) => ({ id: passkey.credentialId, transports: passkey.transports })),
    authenticatorSelection: { residentKey: "preferred", userVerification: "required" },
  });
  await storeChallenge(db, session, "registration", options.challenge, now);
  return options;
}

/** Parses what the browser answered (a JSON string from a form field). */
function parseCredential<T>(json: string): T {
  try {
    const value: unknown = JSON.parse(json);
    if (value && typeof value === "object" && "id" in value && "response" in value) return value as T;
  } catch {
    // Below.
  }
  throw new AppError("passkey_refused", "not a credential");
}

/** Checks the browser's new passkey against the session's challenge, and keeps it. */
export async function registerPasskey(db: Kysely<DB>, session: Session, responseJson: string, now: Date, settings: FactorSettings): Promise<{ recoveryCodes: string[] | null }> {
  const response = parseCredential<RegistrationResponseJSON>(responseJson);
  const { rpID, origin } = relyingParty(settings.publicUrl);
  return db.transaction().execute(async (tx) => {
    const challenge = await takeChallenge(tx, session, "registration", now);
    const verification = await verifyRegistrationResponse({ response, expectedChallenge: challenge, expectedOrigin: origin, expectedRPID: rpID, requireUserVerification: true }).catch(
      () => ({ verified: false as const }),
    );
    if (!verification.verified) throw new AppError("passkey_refused", "registration not verified");
    const { credential } = verification.registrationInfo;
    const taken = await tx.selectFrom("second_factor").select("id").where("credential_id", "=", credential.id).executeTakeFirst();
    if (taken) throw new AppError("passkey_refused", "credential already registered");
    const added = await tx
      .insertInto("second_factor")
      .values({
        person_id: session.personId,
        kind: "passkey",
        label: "passkey",
        created_at: now,
        confirmed_at: now,
        last_used_at: now,
        credential_id: credential.id,
        public_key: Buffer.from(credential.publicKey).toString("base64url"),
        sign_count: credential.counter,
        transports: credential.transports ?? null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return enrolled(tx, session, { id: added.id, kind: "passkey" }, now);
  });
}

/** The options a browser needs to sign in with one of the person's passkeys, or null when they have none. */
export async function passkeyAuthenticationOptions(db: Kysely<DB>, session: Session, now: Date, settings: FactorSettings): Promise<PublicKeyCredentialRequestOptionsJSON | null> {
  const passkeys = await passkeysOf(db, session.personId);
  if (passkeys.length === 0) return null;
  const options = await generateAuthenticationOptions({
    rpID: relyingParty(settings.publicUrl).rpID,
    allowCredentials: passkeys.map((passkey) => ({ id: passkey.credentialId, transports: passkey.transports })),
    userVerification: "required",
  });
  await storeChallenge(db, session, "authentication", options.challenge, now);
  return options;
}

/** Checks the browser's signature with one of the person's passkeys; the session passes. */
export async function verifyPasskey(db: Kysely<DB>, session: Session, responseJson: string, now: Date, settings: FactorSettings): Promise<void> {
  const response = parseCredential<AuthenticationResponseJSON>(responseJson);
  const { rpID, origin } = relyingParty(settings.publicUrl);
  await db.transaction().execute(async (tx) => {
    const challenge = await takeChallenge(tx, session, "authentication", now);
    // Only the person's own passkeys: someone else's credential names nothing here.
    const passkey = (await passkeysOf(tx, session.personId)).find((candidate) => candidate.credentialId === response.id);
    if (!passkey) throw new AppError("passkey_refused", "unknown credential");
    const verification = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: origin,
      expectedRPID: rpID,
      credential: { id: passkey.credentialId, publicKey: Buffer.from(passkey.publicKey, "base64url"), counter: passkey.counter, transports: passkey.transports },
      requireUserVerification: true,
    }).catch(() => ({ verified: false, authenticationInfo: undefined }));
    if (!verification.verified || !verification.authenticationInfo) throw new AppError("passkey_refused", "signature not verified");
    await tx
      .updateTable("second_factor")
      .set({ sign_count: verification.authenticationInfo.newCounter, last_used_at: now })
      .where("id", "=", passkey.id)
      .execute();
    await markVerified(tx, session, now);
  });
}

// --- Removing a factor ----------------------------------------------------------------------

/**
 * Removes one of the person's factors. It needs a factor passed in the last few minutes, and the
 * last factor of someone holding a back-office role stays (they would be locked out at once).
 * Returns what was removed, for the record.
 */
export async function removeFactor(db: Kysely<DB>, session: Session, factorId: number, now: Date): Promise<FactorSummary> {
  if (!hasRecentFactor(session, now)) throw new AppError("second_factor_not_recent");
  return db.transaction().execute(async (tx) => {
    // Lock the person's factors: two removals at once cannot both leave none.
    const factors = await tx
      .selectFrom("second_factor")
      .select(["id", "kind", "label", "created_at", "last_used_at", "confirmed_at"])
      .where("person_id", "=", session.personId)
      .forUpdate()
      .execute();
    const factor = factors.find((candidate) => candidate.id === factorId && candidate.confirmed_at !== null);
    if (!factor) throw new AppError("second_factor_not_found");
    const confirmed = factors.filter((candidate) => candidate.confirmed_at !== null);
    if (confirmed.length <= 1 && (await holdsAnyRole(tx, session.personId))) throw new AppError("last_second_factor");
    await tx.deleteFrom("second_factor").where("id", "=", factor.id).execute();
    await logFactorChange(tx, session, "second_factor.remove", { subjectId: factor.id, before: { kind: factor.kind } }, now);
    return { id: factor.id, kind: factor.kind, label: factor.label, createdAt: factor.created_at, lastUsedAt: factor.last_used_at };
  });
}
