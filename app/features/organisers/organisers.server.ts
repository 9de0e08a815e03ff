import type { Kysely, Transaction } from "kysely";
import { jsonArrayFrom } from "kysely/helpers/postgres";
import type { DB } from "~/db/schema";
import { redirect } from "react-router";
import { requirePerson, type AuthContext, type SignedInPerson } from "~/features/accounts/auth.server";
import { hasFreshFactor } from "~/features/accounts/second-factor.server";
import { isLanguage, preferredLanguage } from "~/i18n/languages";
import { paths } from "~/lib/paths";
import type { Edition } from "~/features/editions/editions.server";
import { AppError } from "~/lib/errors";
import { byReach, permissionsOf, type Permission, type StaffRole } from "./roles";

// Not exported: only requireBackOffice can make a BackOfficeAccess.
declare const backOfficeBrand: unique symbol;

/**
 * Proof that a person holds a role on one edition that grants `permissions`. Back-office
 * operations take it and filter every query by `editionId`, so an id of another edition names
 * nothing; those that need a right check it with `requirePermission`.
 */
export type BackOfficeAccess = {
  readonly personId: number;
  readonly email: string;
  readonly editionId: number;
  readonly year: number;
  /** The role that reaches furthest among those the person holds on this edition. */
  readonly role: StaffRole;
  readonly permissions: ReadonlySet<Permission>;
} & { readonly [backOfficeBrand]: true };

/** The roles a person holds on an edition, directly or on every edition. */
export async function rolesOn(db: Kysely<DB> | Transaction<DB>, personId: number, editionId: number): Promise<StaffRole[]> {
  const rows = await db
    .selectFrom("staff_role")
    .select("role")
    .where("person_id", "=", personId)
    .where("revoked_at", "is", null)
    .where((eb) => eb.or([eb("edition_id", "=", editionId), eb("edition_id", "is", null)]))
    .execute();
  return byReach(rows.map((row) => row.role));
}

/**
 * Sends a back-office person whose session has not passed a second factor in the last 12 hours
 * to pass one (or to enrol one, when they have none), then back to the page they asked for.
 */
export async function requireFreshFactor(request: Request, context: AuthContext & { db: Kysely<DB> }, person: SignedInPerson): Promise<void> {
  if (hasFreshFactor(person, context.now())) return;
  const url = new URL(request.url);
  const prefix = url.pathname.split("/")[1];
  const language = isLanguage(prefix) ? prefix : preferredLanguage(request.headers.get("Accept-Language"));
  const returnTo = request.method === "GET" ? url.pathname + url.search : url.pathname;
  const factor = await context.db.selectFrom("second_factor").select("id").where("person_id", "=", person.personId).where("confirmed_at", "is not", null).executeTakeFirst();
  throw redirect(factor ? paths.verification(language, returnTo) : paths.security(language, returnTo), 303);
}

/** What the back office reads of its edition: its own columns and its days (getEdition reads the rest too). */
export type BackOfficeEdition = Omit<Edition, "venue" | "access" | "contacts" | "links" | "supporters">;

/**
 * The signed-in person with `permission` on the edition of `year`, and that edition. Anonymous
 * visitors are sent to sign in; any other signed-in person is told the page does not exist: the
 * back office reveals nothing to the curious, not even which editions it holds. A person with
 * the right whose session has no fresh second factor is sent to pass one (requireFreshFactor).
 */
export async function requireBackOffice(
  request: Request,
  context: AuthContext & { db: Kysely<DB> },
  year: number,
  permission: Permission,
): Promise<{ access: BackOfficeAccess; person: SignedInPerson; edition: BackOfficeEdition }> {
  const person = await requirePerson(request, context);
  // Drafts too: an edition is prepared in the back office before it is published. The edition and
  // the person's roles on it in one query, as rolesOn reads them.
  const found = await context.db
    .selectFrom("edition")
    .where("edition.year", "=", year)
    .selectAll("edition")
    .select((eb) => [
      jsonArrayFrom(eb.selectFrom("edition_day").whereRef("edition_day.edition_id", "=", "edition.id").select("day").orderBy("day")).as("days"),
      jsonArrayFrom(
        eb
          .selectFrom("staff_role")
          .select("staff_role.role")
          .where("staff_role.person_id", "=", person.personId)
          .where("staff_role.revoked_at", "is", null)
          .where((eb) => eb.or([eb("staff_role.edition_id", "=", eb.ref("edition.id")), eb("staff_role.edition_id", "is", null)])),
      ).as("roles"),
    ])
    .executeTakeFirst();
  if (!found) throw new AppError("not_staff");
  const { roles: held, ...columns } = found;
  const edition = { ...columns, days: columns.days.map((d) => d.day) };
  const roles = byReach(held.map((row) => row.role));
  const granted = permissionsOf(roles);
  const [role] = roles;
  if (!role || !granted.has(permission)) throw new AppError("not_staff");
  await requireFreshFactor(request, context, person);
  const access = { personId: person.personId, email: person.email, editionId: edition.id, year: edition.year, role, permissions: granted } as unknown as BackOfficeAccess;
  return { access, person, edition };
}

/** Refuses an operation that needs a right the proof does not carry. */
export function requirePermission(access: BackOfficeAccess, permission: Permission): void {
  if (!access.permissions.has(permission)) throw new AppError("not_staff");
}
