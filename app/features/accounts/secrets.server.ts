import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** A fresh secret of 32 random bytes, written in base64url (43 characters, safe in URLs and cookies). */
export function newSecret(): string {
  return randomBytes(32).toString("base64url");
}

/** What the database keeps of a secret: its SHA-256, so that a leaked table opens no account. */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("base64url");
}

/** Compares two secrets in a time that does not depend on where they differ. */
export function secretsMatch(given: string, expected: string): boolean {
  // Comparing digests gives equal lengths, which timingSafeEqual requires, without revealing the length.
  return timingSafeEqual(createHash("sha256").update(given).digest(), createHash("sha256").update(expected).digest());
}
