import type { Kysely } from "kysely";
import type { DB } from "~/db/schema";
import { requirePerson, type AuthContext, type SignedInPerson } from "~/features/accounts/auth.server";
import { getEdition, type Edition } from "~/features/editions/editions.server";
import { AppError } from "~/lib/errors";

// Not exported: only requireOrganiser can make an OrganiserAccess.
declare const organiserBrand: unique symbol;

/**
 * Proof that a person may act as organiser of one edition. Organiser operations take it and
 * filter every query by `editionId`, so an id of another edition names nothing.
 */
export type OrganiserAccess = {
  readonly personId: number;
  readonly editionId: number;
  readonly role: "organiser";
} & { readonly [organiserBrand]: true };

/**
 * The signed-in organiser of the edition of `year`, with that edition. Anonymous visitors are sent
 * to sign in; any other signed-in person is told the page does not exist: organisers' pages
 * reveal nothing to the curious. The role comes from ORGANISER_EMAILS, for every edition.
 */
export async function requireOrganiser(
  request: Request,
  context: AuthContext & { db: Kysely<DB>; env: { ORGANISER_EMAILS: string[] } },
  year: number,
): Promise<{ access: OrganiserAccess; person: SignedInPerson; edition: Edition }> {
  const person = await requirePerson(request, context);
  if (!context.env.ORGANISER_EMAILS.includes(person.email)) throw new AppError("not_organiser");
  const edition = await getEdition(context.db, year);
  const access = { personId: person.personId, editionId: edition.id, role: "organiser" } as OrganiserAccess;
  return { access, person, edition };
}
