import type { Kysely } from "kysely";
import type { DB } from "~/db/schema";
import { AppError } from "~/lib/errors";

/** The registration, if `personId` may act on it: its own person, or the lead of its delegation. */
export async function registrationFor(db: Kysely<DB>, registrationId: number, personId: number) {
  const registration = await db
    .selectFrom("registration")
    .leftJoin("delegation", "delegation.id", "registration.delegation_id")
    .where("registration.id", "=", registrationId)
    .where((eb) => eb.or([eb("registration.person_id", "=", personId), eb("delegation.lead_person_id", "=", personId)]))
    .selectAll("registration")
    .executeTakeFirst();
  // One answer for "does not exist" and "not yours": ids reveal nothing.
  if (!registration) throw new AppError("registration_not_found", "no such registration for this person");
  return registration;
}
