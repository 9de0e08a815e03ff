import { data, redirect } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/sign-in-link";
import { optionalPerson, sessionCookie, sessionToken, verifyCsrf } from "~/features/accounts/auth.server";
import { CsrfField } from "~/features/accounts/csrf-field";
import { SignInRequestForm } from "~/features/accounts/sign-in-request-form";
import { endSignInSession } from "~/features/accounts/sign-in-sessions.server";
import { signInLinkState, signInWithLink, type SignInLinkState } from "~/features/accounts/sign-in.server";
import { translate } from "~/i18n/translate";
import { actionError, ErrorNotice } from "~/lib/error-notice";
import { handleActionErrors, handleErrors, routeLanguage } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { paths } from "~/lib/paths";
import { useTranslate } from "~/lib/use-language";
import type { RouteHandle } from "~/root";

// The token travels in the address of this page: keep it out of every cache.
export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export const handle: RouteHandle = { form: true };

const linkToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

/** What the page of a link that does not work shows: why, and the address and return path to ask again. */
function deadLink(link: SignInLinkState) {
  return link.state === "unknown"
    ? { state: "unknown" as const, email: "", returnTo: undefined }
    : { state: link.state === "usable" ? ("used" as const) : link.state, email: link.email, returnTo: link.returnTo };
}

// Opening the link only shows a button: mail scanners open links too, and must not spend them.
// A link that expired or was used says so at once.
export async function loader({ request, context }: Route.LoaderArgs) {
  return handleErrors(async () => {
    const language = routeLanguage(request);
    const token = linkToken.safeParse(new URL(request.url).searchParams.get("token"));
    const person = await optionalPerson(request, context);
    const link = token.success ? await signInLinkState(context.db, token.data, context.now()) : ({ state: "unknown" } as const);
    return {
      language,
      token: token.success && link.state === "usable" ? token.data : undefined,
      dead: link.state === "usable" ? undefined : deadLink(link),
      csrfToken: person?.csrfToken,
    };
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
    if (!signedIn) {
      // Spent or expired between the opening and the press (a second click, another tab).
      const link = token.success ? await signInLinkState(context.db, token.data, context.now()) : ({ state: "unknown" } as const);
      return data({ dead: deadLink(link) }, { status: 400 });
    }
    // A session already open in this browser (perhaps someone else's) gives way to the new one.
    const previous = sessionToken(request, context.env);
    if (previous) await endSignInSession(context.db, previous);
    // Without a page to come back to, the space says what to do next.
    return redirect(signedIn.returnTo ?? paths.space(language), {
      status: 303,
      headers: { "Set-Cookie": sessionCookie(context.env, signedIn.sessionToken) },
    });
  });
}

export const meta: Route.MetaFunction = ({ data: page }) =>
  page ? [{ title: pageTitle(page.language, translate(page.language, page.dead ? `accounts.link.${page.dead.state}Title` : "accounts.link.title")) }] : [];

export default function SignInLink({ loaderData, actionData }: Route.ComponentProps) {
  const { token, csrfToken } = loaderData;
  const t = useTranslate();
  const dead = actionData && "dead" in actionData ? actionData.dead : loaderData.dead;
  if (dead || !token) {
    const state = dead?.state ?? "unknown";
    return (
      <>
        <h1>{t(`accounts.link.${state}Title`)}</h1>
        <p>{t(`accounts.link.${state}`)}</p>
        <h2>{t("accounts.signIn.again")}</h2>
        <SignInRequestForm returnTo={dead?.returnTo} email={dead?.email ?? ""} invalid={false} csrfToken={csrfToken} />
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
