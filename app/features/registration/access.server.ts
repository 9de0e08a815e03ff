import type { Kysely } from "kysely";
import type { DB } from "~/db/schema";
import { AppError } from "~/lib/errors";

/**
 * The registration, if it is `personId`'s own: only the registered person reads or changes its
 * answers and consents, signs it up for sessions or ranks wishes; a delegation lead does not.
 */
export async function registrationFor(db: Kysely<DB>, registrationId: number, personId: number) {
  const registration = await db
    .selectFrom("registration")
    .where("registration.id", "=", registrationId)
    .where("registration.person_id", "=", personId)
    .selectAll("registration")
    .executeTakeFirst();
  // One answer for "does not exist" and "not yours": ids reveal nothing.
  if (!registration) throw new AppError("registration_not_found", "no such registration for this person");
  return registration;
}

/**
 * The registration, if `personId` may cancel it: its own person, or the lead of its delegation,
 * who manages the delegation's places (the person is told by e-mail). Nothing else of it is
 * the lead's to read or change.
 */
export async function registrationCancellableBy(db: Kysely<DB>, registrationId: number, personId: number) {
  const registration = await db
    .selectFrom("registration")
    .leftJoin("delegation", "delegation.id", "registration.delegation_id")
    .where("registration.id", "=", registrationId)
    .where((eb) => eb.or([eb("registration.person_id", "=", personId), eb("delegation.lead_person_id", "=", personId)]))
    .select(["registration.id", "registration.edition_id", "registration.person_id", "registration.status"])
    .executeTakeFirst();
  if (!registration) throw new AppError("registration_not_found", "no such registration for this person");
  return registration;
}
