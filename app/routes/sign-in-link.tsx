import { data, redirect } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/sign-in-link";
import { optionalPerson, sessionCookie, sessionToken, verifyCsrf } from "~/features/accounts/auth.server";
import { CsrfField } from "~/features/accounts/csrf-field";
import { endSignInSession } from "~/features/accounts/sign-in-sessions.server";
import { signInWithLink } from "~/features/accounts/sign-in.server";
import { translate } from "~/i18n/translate";
import { actionError, ErrorNotice } from "~/lib/error-notice";
import { handleActionErrors, handleErrors, routeLanguage } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { paths } from "~/lib/paths";
import { useLanguage, useTranslate } from "~/lib/use-language";

// The token travels in the address of this page: keep it out of every cache.
export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

const linkToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

// Opening the link only shows a button: mail scanners open links too, and must not spend them.
export async function loader({ request, context }: Route.LoaderArgs) {
  return handleErrors(async () => {
    const language = routeLanguage(request);
    const token = linkToken.safeParse(new URL(request.url).searchParams.get("token"));
    const person = await optionalPerson(request, context);
    return { language, token: token.success ? token.data : undefined, csrfToken: person?.csrfToken };
  });
}

export async function action(args: Route.ActionArgs) {
  const { request, context } = args;
  return handleActionErrors(async () => {
    const language = routeLanguage(request);
    const form = await request.formData();
    verifyCsrf(args, form, await optionalPerson(request, context));
    const token = linkToken.safeParse(form.get("token"));
    const signedIn = token.success ? await signInWithLink(context.db, token.data, context.now()) : undefined;
    if (!signedIn) return data({ invalid: true }, { status: 400 });
    // A session already open in this browser (perhaps someone else's) gives way to the new one.
    const previous = sessionToken(request, context.env);
    if (previous) await endSignInSession(context.db, previous);
    return redirect(signedIn.returnTo ?? paths.signIn(language), {
      status: 303,
      headers: { "Set-Cookie": sessionCookie(context.env, signedIn.sessionToken) },
    });
  });
}

export const meta: Route.MetaFunction = ({ data: page }) =>
  page ? [{ title: pageTitle(page.language, translate(page.language, "accounts.link.title")) }] : [];

export default function SignInLink({ loaderData, actionData }: Route.ComponentProps) {
  const { token, csrfToken } = loaderData;
  const language = useLanguage();
  const t = useTranslate();
  if (!token || (actionData && "invalid" in actionData)) {
    return (
      <>
        <h1>{t("accounts.link.invalidTitle")}</h1>
        <p>{t("accounts.link.invalid")}</p>
        <p>
          <a href={paths.signIn(language)}>{t("accounts.signIn.again")}</a>
        </p>
      </>
    );
  }
  return (
    <>
      <h1>{t("accounts.link.title")}</h1>
      <ErrorNotice error={actionError(actionData)} />
      <p>{t("accounts.link.text")}</p>
      <form method="post">
        {csrfToken && <CsrfField token={csrfToken} />}
        <input type="hidden" name="token" value={token} />
        <button type="submit" className="button">
          {t("accounts.link.submit")}
        </button>
      </form>
    </>
  );
}
