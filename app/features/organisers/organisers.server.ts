import { requirePerson, type AuthContext, type SignedInPerson } from "~/features/accounts/auth.server";
import { AppError } from "~/lib/errors";

/**
 * The signed-in organiser. Anyone else, signed in or not, is told the page does not exist:
 * organisers' pages reveal nothing to the curious.
 */
export async function requireOrganiser(
  request: Request,
  context: AuthContext & { env: { ORGANISER_EMAILS: string[] } },
): Promise<SignedInPerson> {
  const person = await requirePerson(request, context);
  if (!context.env.ORGANISER_EMAILS.includes(person.email)) throw new AppError("not_found", "not an organiser");
  return person;
}
