import type { Kysely } from "kysely";
import type { DB } from "~/db/schema";
import { translate } from "~/i18n/translate";
import type { Language } from "~/i18n/languages";
import { AppError } from "~/lib/errors";
import { requirePerson, type AuthContext, type SignedInPerson } from "./auth.server";
import { holdsAnyRole, type FactorSettings } from "./second-factor.server";

/** What the security and verification pages need from a loader's or action's context. */
export type FactorContext = AuthContext & { db: Kysely<DB>; env: AuthContext["env"] & { SECRET_KEY?: string; CLOCK_AT?: Date } };

/**
 * The signed-in person of an account-level back-office page (security, verification): someone
 * holding a role on some edition. To anyone else, like every back-office page, it does not exist.
 */
export async function requireStaffPerson(request: Request, context: FactorContext): Promise<SignedInPerson> {
  const person = await requirePerson(request, context);
  if (!(await holdsAnyRole(context.db, person.personId))) throw new AppError("not_staff");
  return person;
}

/** The server settings a factor check reads. */
export function factorSettings(context: FactorContext, language: Language): FactorSettings {
  return {
    publicUrl: context.env.PUBLIC_URL,
    secretKey: context.env.SECRET_KEY,
    siteName: translate(language, "site.name"),
    // Authenticator apps run on the real clock, wherever CLOCK_AT sets the application's.
    codeTime: context.env.CLOCK_AT ? new Date() : undefined,
  };
}
