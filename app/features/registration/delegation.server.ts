import type { Kysely } from "kysely";
import type { DB } from "~/db/schema";
import { AppError } from "~/lib/errors";
import { register, type RegistrationRequest } from "./registration.server";

/** The person with this address, created on first use so that they can sign in with it. */
export async function personByEmail(db: Kysely<DB>, email: string, language: "fr" | "en"): Promise<number> {
  const normalised = email.trim().toLowerCase();
  const existing = await db.selectFrom("person").where("email", "=", normalised).where("anonymised_at", "is", null).select("id").executeTakeFirst();
  if (existing) return existing.id;
  const created = await db
    .insertInto("person")
    .values({ email: normalised, language })
    .onConflict((oc) => oc.column("email").where("anonymised_at", "is", null).doNothing())
    .returning("id")
    .executeTakeFirst();
  if (created) return created.id;
  return (await db.selectFrom("person").where("email", "=", normalised).where("anonymised_at", "is", null).select("id").executeTakeFirstOrThrow()).id;
}

/**
 * Registers a colleague in the lead's delegation. The lead must hold an active registration of
 * the edition; the delegation is created with the lead's organisation on first use, and the
 * colleague gets their own account, e-mail and access to their registration.
 */
export async function registerColleague(
  db: Kysely<DB>,
  request: Omit<RegistrationRequest, "personId" | "registeredByPersonId" | "delegationId"> & { leadPersonId: number },
) {
  const lead = await db
    .selectFrom("registration")
    .where("edition_id", "=", request.editionId)
    .where("person_id", "=", request.leadPersonId)
    .where("status", "<>", "cancelled")
    .select(["id", "delegation_id", "organisation_name", "organisation_type", "country_code"])
    .executeTakeFirst();
  if (!lead) throw new AppError("delegation_lead_required", "the lead has no registration");
  let delegationId = lead.delegation_id;
  if (delegationId === null) {
    const delegation = await db
      .insertInto("delegation")
      .values({ edition_id: request.editionId, lead_person_id: request.leadPersonId, organisation_name: lead.organisation_name })
      .returning("id")
      .executeTakeFirstOrThrow();
    delegationId = delegation.id;
    await db.updateTable("registration").set({ delegation_id: delegationId }).where("id", "=", lead.id).execute();
  }
  const personId = await personByEmail(db, request.fields.email, request.language);
  if (personId === request.leadPersonId) throw new AppError("colleague_is_lead", "the lead is already registered");
  return register(db, {
    ...request,
    fields: {
      ...request.fields,
      organisation_name: lead.organisation_name,
      organisation_type: lead.organisation_type,
      country_code: lead.country_code,
    },
    personId,
    registeredByPersonId: request.leadPersonId,
    delegationId,
  });
}

/** The registrations of the delegation a person leads for an edition, the lead's own first. */
export async function delegationOf(db: Kysely<DB>, leadPersonId: number, editionId: number) {
  return db
    .selectFrom("registration")
    .innerJoin("delegation", "delegation.id", "registration.delegation_id")
    .where("delegation.lead_person_id", "=", leadPersonId)
    .where("delegation.edition_id", "=", editionId)
    .select([
      "registration.id",
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
