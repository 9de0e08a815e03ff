import type { Kysely } from "kysely";
import type { DB } from "~/db/schema";

// Colleagues join a delegation by accepting an invitation: see invitations.server.ts.

/** The registrations of the delegations a person leads in these editions, the lead's own first. */
export async function delegationsLedBy(db: Kysely<DB>, leadPersonId: number, editionIds: number[]) {
  if (editionIds.length === 0) return [];
  return db
    .selectFrom("registration")
    .innerJoin("delegation", "delegation.id", "registration.delegation_id")
    .where("delegation.lead_person_id", "=", leadPersonId)
    .where("delegation.edition_id", "in", editionIds)
    .select([
      "registration.id",
      "delegation.edition_id",
      "registration.person_id",
      "registration.given_name",
      "registration.family_name",
      "registration.email",
      "registration.status",
      "registration.category",
    ])
    .orderBy((eb) => eb.case().when("registration.person_id", "=", leadPersonId).then(0).else(1).end())
    .orderBy("registration.id")
    .execute();
}
