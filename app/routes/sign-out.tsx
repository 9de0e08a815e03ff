import { redirect } from "react-router";
import type { Route } from "./+types/sign-out";
import { clearedSessionCookie, optionalPerson, sessionToken, verifyCsrf } from "~/features/accounts/auth.server";
import { endSignInSession, signOutEverywhere } from "~/features/accounts/sign-in-sessions.server";
import { isLanguage } from "~/i18n/languages";
import { translate } from "~/i18n/translate";
import { actionError, ErrorNotice } from "~/lib/error-notice";
import { handleActionErrors, routeLanguage } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { paths } from "~/lib/paths";
import { useLanguage, useTranslate } from "~/lib/use-language";
import { signedOutParam } from "./sign-in";

// Signing out is a POST from the space; opening the address only leads to the sign-in page.
export function loader({ request }: Route.LoaderArgs) {
  return redirect(paths.signIn(routeLanguage(request)));
}

export async function action(args: Route.ActionArgs) {
  const { request, context } = args;
  return handleActionErrors(async () => {
    const language = routeLanguage(request);
    const form = await request.formData();
    const person = await optionalPerson(request, context);
    verifyCsrf(args, form, person);
    const token = sessionToken(request, context.env);
    if (person && token) {
      if (form.get("scope") === "everywhere") await signOutEverywhere(context.db, person, context.now());
      else await endSignInSession(context.db, token);
    }
    // The sign-in page then says that the person is signed out.
    return redirect(`${paths.signIn(language)}?${signedOutParam}=1`, { status: 303, headers: { "Set-Cookie": clearedSessionCookie(context.env) } });
  });
}

export const meta: Route.MetaFunction = ({ location }) => {
  const prefix = location.pathname.split("/")[1];
  const language = isLanguage(prefix) ? prefix : "fr";
  return [{ title: pageTitle(language, translate(language, "accounts.account.signOut")) }];
};

// Shown only when the sign-out form was refused.
export default function SignOut({ actionData }: Route.ComponentProps) {
  const language = useLanguage();
  const t = useTranslate();
  return (
    <>
      <h1>{t("accounts.account.signOut")}</h1>
      <ErrorNotice error={actionError(actionData)} />
      <p>
        <a href={paths.signIn(language)}>{t("accounts.mySpace")}</a>
      </p>
    </>
  );
}
