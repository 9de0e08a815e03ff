import { sql, type Kysely } from "kysely";
import type { DB } from "~/db/schema";
import type { Language } from "~/i18n/languages";
import { recordAudit, type Actor } from "./audit.server";
import type { StaffRole } from "./roles";

export interface RoleGrant {
  email: string;
  role: StaffRole;
  /** One edition, or null for every edition, present and future. */
  editionId: number | null;
  /** The language of a person the grant creates; someone already known keeps theirs. */
  language?: Language;
}

/**
 * Gives a role to the person of an address, making the person if the address is new (they sign
 * in with it like anyone). Granting a role already held changes nothing and logs nothing.
 */
export async function grantRole(db: Kysely<DB>, actor: Actor, grant: RoleGrant, now: Date): Promise<{ personId: number; granted: boolean }> {
  const email = grant.email.trim().toLowerCase();
  return db.transaction().execute(async (tx) => {
    await tx
      .insertInto("person")
      .values({ email, language: grant.language ?? "fr" })
      .onConflict((oc) => oc.column("email").where("anonymised_at", "is", null).doNothing())
      .execute();
    const person = await tx.selectFrom("person").select("id").where("email", "=", email).where("anonymised_at", "is", null).executeTakeFirstOrThrow();
    const role = await tx
      .insertInto("staff_role")
      .values({
        person_id: person.id,
        edition_id: grant.editionId,
        role: grant.role,
        granted_at: now,
        granted_by_person_id: "commandLine" in actor ? null : actor.personId,
      })
      .onConflict((oc) => oc.expression(sql`person_id, coalesce(edition_id, 0), role`).where("revoked_at", "is", null).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (role) {
      await recordAudit(
        tx,
        actor,
        { action: "team.grant", subjectType: "staff_role", subjectId: role.id, editionId: grant.editionId, after: { email, role: grant.role, editionId: grant.editionId } },
        now,
      );
    }
    return { personId: person.id, granted: role !== undefined };
  });
}
