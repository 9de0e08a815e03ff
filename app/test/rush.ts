import type { Kysely } from "kysely";
import type { DB } from "~/db/schema";
import { hashSecret, newSecret } from "~/features/accounts/secrets.server";

// Many signed-in people at once, written straight into the database: a rush test or benchmark
// measures registration, not the sign-in e-mails that come before it.

export interface SignedInVisitor {
  personId: number;
  email: string;
  /** Value of the session cookie. */
  token: string;
  csrf: string;
}

export async function seedSignedInVisitors(db: Kysely<DB>, count: number, prefix: string): Promise<SignedInVisitor[]> {
  const people: { id: number; email: string }[] = [];
  // In batches: one statement with tens of thousands of parameters is more than PGlite takes.
  for (let start = 0; start < count; start += 1000) {
    const batch = Array.from({ length: Math.min(1000, count - start) }, (_, i) => ({ email: `${prefix}-${start + i}@example.org`, language: "fr" as const }));
    people.push(...(await db.insertInto("person").values(batch).returning(["id", "email"]).execute()));
  }
  const visitors = people.map((person) => ({ personId: person.id, email: person.email, token: newSecret(), csrf: newSecret() }));
  for (let start = 0; start < visitors.length; start += 1000) {
    await db
      .insertInto("auth_session")
      .values(
        visitors.slice(start, start + 1000).map((visitor) => ({
          token_hash: hashSecret(visitor.token),
          person_id: visitor.personId,
          csrf_token: visitor.csrf,
          expires_at: new Date(Date.now() + 24 * 3600 * 1000),
        })),
      )
      .execute();
  }
  return visitors;
}

/** Confirmed registrations for the visitors, written directly (for a workshop rush). */
export async function seedConfirmedRegistrations(db: Kysely<DB>, editionId: number, visitors: readonly SignedInVisitor[]) {
  return db
    .insertInto("registration")
    .values(
      visitors.map((visitor, i) => ({
        edition_id: editionId,
        person_id: visitor.personId,
        registered_by_person_id: visitor.personId,
        status: "confirmed" as const,
        category: "participant" as const,
        given_name: "Rush",
        family_name: `Visitor ${i}`,
        email: visitor.email,
        organisation_type: "commune" as const,
        organisation_name: "Commune",
        country_code: "FR",
        reference: `R00-${String(i).padStart(6, "0")}`,
      })),
    )
    .returning(["id", "person_id"])
    .execute();
}

/** The body of a complete registration form for a visitor. */
export function registrationForm(visitor: SignedInVisitor, lunchQuestionId: number): URLSearchParams {
  return new URLSearchParams({
    csrf: visitor.csrf,
    given_name: "Rush",
    family_name: `Visitor ${visitor.personId}`,
    email: visitor.email,
    category: "participant",
    organisation_type: "commune",
    organisation_name: "Commune de test",
    country_code: "FR",
    [`q${lunchQuestionId}`]: "yes",
  });
}

export const sessionCookie = (visitor: SignedInVisitor) => `rencontres_session=${visitor.token}`;
