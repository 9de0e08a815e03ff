import { sql, type Kysely, type Transaction } from "kysely";
import type { DB } from "~/db/schema";
import { composeMail, inertText } from "~/features/mail/compose";
import { enqueueMail } from "~/features/mail/outbox.server";
import { isLanguage, type Language } from "~/i18n/languages";
import { translate } from "~/i18n/translate";
import { AppError } from "~/lib/errors";
import { onceOnly } from "~/lib/once.server";
import { paths } from "~/lib/paths";
import { recordAudit, type Actor } from "./audit.server";
import { requirePermission, type BackOfficeAccess } from "./organisers.server";
import { permissionsOf, type StaffRole } from "./roles";
import { backOfficeSections } from "./sections";

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
  return db.transaction().execute((tx) => grantRoleIn(tx, actor, grant, now));
}

/** grantRole, inside a transaction the caller holds (with what else the grant brings, an e-mail). */
async function grantRoleIn(tx: Transaction<DB>, actor: Actor, grant: RoleGrant, now: Date): Promise<{ personId: number; granted: boolean }> {
  const email = grant.email.trim().toLowerCase();
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
      granted_by_person_id: "personId" in actor ? actor.personId : "account" in actor ? actor.account.personId : null,
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
}

// --- The team page ---------------------------------------------------------------------------

export interface TeamMember {
  roleId: number;
  email: string;
  role: StaffRole;
  /** Null: the role covers every edition. */
  editionId: number | null;
  grantedAt: Date;
}

/** Who holds a live role on the proof's edition, or on every edition; owners first. */
export async function teamOf(db: Kysely<DB>, access: BackOfficeAccess): Promise<TeamMember[]> {
  requirePermission(access, "team");
  const rows = await db
    .selectFrom("staff_role")
    .innerJoin("person", "person.id", "staff_role.person_id")
    .select(["staff_role.id", "person.email", "staff_role.role", "staff_role.edition_id", "staff_role.granted_at"])
    .where("staff_role.revoked_at", "is", null)
    .where((eb) => eb.or([eb("staff_role.edition_id", "=", access.editionId), eb("staff_role.edition_id", "is", null)]))
    .orderBy(sql`array_position(array['owner', 'organiser', 'checkin', 'partner'], staff_role.role)`)
    .orderBy("person.email")
    .orderBy("staff_role.id")
    .execute();
  return rows.map((row) => ({ roleId: row.id, email: row.email, role: row.role, editionId: row.edition_id, grantedAt: row.granted_at }));
}

/** Whether the person is an owner of every edition: only they grant or revoke roles of every edition. */
async function ownsEveryEdition(db: Kysely<DB> | Transaction<DB>, personId: number): Promise<boolean> {
  const row = await db.selectFrom("staff_role").select("id").where("person_id", "=", personId).where("role", "=", "owner").where("edition_id", "is", null).where("revoked_at", "is", null).executeTakeFirst();
  return row !== undefined;
}

/**
 * Where an invitation leads: the first section of the menu the role opens (a partner's is the
 * figures, the edition's first page being closed to them), else the list of one's editions.
 */
function invitedTo(role: StaffRole, language: Language, year: number): string {
  const granted = permissionsOf([role]);
  const section = backOfficeSections.find((candidate) => granted.has(candidate.permission));
  return section ? paths.backOffice(language, year, section.key) : paths.backOfficeHome(language);
}

export interface TeamInvitation {
  email: string;
  role: StaffRole;
  scope: "edition" | "every";
  /** The e-mail's language for an address new to the site; someone known gets theirs. */
  language: Language;
  submissionKey: string;
  now: Date;
  publicUrl: string;
}

/**
 * An owner gives a role on this edition (or on every edition, if they own every edition) to an
 * address, and the person is told by e-mail in their language. Logged as `team.grant`; a form
 * submitted twice grants once and sends one e-mail.
 */
export async function inviteToTeam(db: Kysely<DB>, access: BackOfficeAccess, invitation: TeamInvitation): Promise<{ granted: boolean; email: string }> {
  requirePermission(access, "team");
  const email = invitation.email.trim().toLowerCase();
  return db.transaction().execute(async (tx) => {
    if (invitation.scope === "every" && !(await ownsEveryEdition(tx, access.personId))) throw new AppError("every_edition_owner_required");
    const { result } = await onceOnly(tx, { key: invitation.submissionKey, personId: access.personId, now: invitation.now }, async () => {
      const editionId = invitation.scope === "every" ? null : access.editionId;
      const { personId, granted } = await grantRoleIn(tx, access, { email, role: invitation.role, editionId, language: invitation.language }, invitation.now);
      if (granted) {
        const person = await tx.selectFrom("person").select("language").where("id", "=", personId).executeTakeFirstOrThrow();
        const language: Language = isLanguage(person.language) ? person.language : invitation.language;
        const t = (key: Parameters<typeof translate>[1], values: Record<string, string | number> = {}) => translate(language, key, { year: access.year, ...values });
        const mail = composeMail({
          language,
          subject: t("team.mail.subject"),
          paragraphs: [
            t("team.mail.intro", {
              inviter: inertText(access.email),
              role: t(`team.role.${invitation.role}`),
              scope: t(invitation.scope === "every" ? "team.scope.every" : "team.scope.edition"),
            }),
            t("team.mail.how"),
          ],
          action: { label: t("team.mail.action"), url: `${invitation.publicUrl}${invitedTo(invitation.role, language, access.year)}` },
        });
        await enqueueMail(tx, { to: email, language, ...mail });
      }
      return { granted, email };
    });
    return result;
  });
}

/**
 * An owner revokes a live role of this edition (or of every edition, if they own every edition):
 * the person's open sessions lose what it gave at their next request, as every back-office page
 * reads the roles again. The last owner covering an edition stays, whoever asks.
 */
export async function revokeRole(db: Kysely<DB>, access: BackOfficeAccess, roleId: number, now: Date): Promise<void> {
  requirePermission(access, "team");
  await db.transaction().execute(async (tx) => {
    // Every live owner role, locked: two revocations at once cannot leave an edition without one.
    await tx.selectFrom("staff_role").select("id").where("role", "=", "owner").where("revoked_at", "is", null).orderBy("id").forUpdate().execute();
    const role = await tx
      .selectFrom("staff_role")
      .innerJoin("person", "person.id", "staff_role.person_id")
      .select(["staff_role.id", "staff_role.role", "staff_role.edition_id", "person.email"])
      .where("staff_role.id", "=", roleId)
      .where("staff_role.revoked_at", "is", null)
      .where((eb) => eb.or([eb("staff_role.edition_id", "=", access.editionId), eb("staff_role.edition_id", "is", null)]))
      .forUpdate()
      .executeTakeFirst();
    if (!role) throw new AppError("staff_role_not_found");
    if (role.edition_id === null && !(await ownsEveryEdition(tx, access.personId))) throw new AppError("every_edition_owner_required");
    if (role.role === "owner") {
      // The editions this role covers that no other live owner role covers.
      const uncovered = await tx
        .selectFrom("edition")
        .select("edition.id")
        .where((eb) => (role.edition_id === null ? eb.val(true) : eb("edition.id", "=", role.edition_id)))
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom("staff_role as other")
                .select("other.id")
                .where("other.role", "=", "owner")
                .where("other.revoked_at", "is", null)
                .where("other.id", "<>", role.id)
                .where((eb) => eb.or([eb("other.edition_id", "=", eb.ref("edition.id")), eb("other.edition_id", "is", null)])),
            ),
          ),
        )
        .executeTakeFirst();
      if (uncovered) throw new AppError("last_owner");
    }
    // Never before the grant (a role granted on the server's clock, revoked on a clock set back with CLOCK_AT).
    await tx
      .updateTable("staff_role")
      .set({ revoked_at: sql<Date>`greatest(${now}::timestamptz, granted_at)`, revoked_by_person_id: access.personId })
      .where("id", "=", role.id)
      .execute();
    await recordAudit(
      tx,
      access,
      {
        action: "team.revoke",
        subjectType: "staff_role",
        subjectId: role.id,
        editionId: role.edition_id,
        before: { email: role.email, role: role.role, editionId: role.edition_id },
        after: { email: role.email, role: role.role, editionId: role.edition_id, revokedAt: now.toISOString() },
      },
      now,
    );
  });
}
