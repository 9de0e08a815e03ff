import { data, redirect } from "react-router";
import type { Route } from "./+types/sign-in";
import { optionalPerson, verifyCsrf } from "~/features/accounts/auth.server";
import { emailAddress, requestSignInLink, safeReturnTo } from "~/features/accounts/sign-in.server";
import { emailMaxLength } from "~/features/accounts/sign-in";
import { SignInRequestForm } from "~/features/accounts/sign-in-request-form";
import { actionError, ErrorNotice } from "~/lib/error-notice";
import { FormPageTitle } from "~/lib/form-errors";
import { handleActionErrors, handleErrors, routeLanguage } from "~/lib/http.server";
import { paths } from "~/lib/paths";
import { useLanguage, useTranslate } from "~/lib/use-language";
import type { RouteHandle } from "~/root";

// Personal page: never kept by the page cache nor by the browser.
const personalHeaders = { "Cache-Control": "private, no-store" };

/** The query parameter of the page shown after signing out, which says so. */
export const signedOutParam = "signed_out";

export async function loader({ request, context }: Route.LoaderArgs) {
  return handleErrors(async () => {
    const language = routeLanguage(request);
    const person = await optionalPerson(request, context);
    const search = new URL(request.url).searchParams;
    const returnTo = safeReturnTo(search.get("return_to"));
    // Someone already signed in has nothing to do here: their space says what comes next.
    if (person) throw redirect(returnTo ?? paths.space(language));
    return { language, returnTo, signedOut: search.has(signedOutParam) };
  });
}

export async function action(args: Route.ActionArgs) {
  const { request, context } = args;
  return handleActionErrors(async () => {
    const language = routeLanguage(request);
    const form = await request.formData();
    verifyCsrf(args, form, await optionalPerson(request, context));
    const email = emailAddress.safeParse(form.get("email") ?? "");
    // Carried by the form, which the page of a dead link also posts here.
    const returnTo = safeReturnTo(String(form.get("return_to") ?? ""));
    if (!email.success) {
      // Shown back in the field, never more than the field holds.
      const typed = form.get("email");
      return data(
        { outcome: "invalid_email" as const, email: typeof typed === "string" ? typed.slice(0, emailMaxLength) : "", returnTo },
        { status: 400 },
      );
    }
    await requestSignInLink(
      context.db,
      {
        email: email.data,
        language,
        returnTo,
        clientAddress: context.clientAddress,
        publicUrl: context.env.PUBLIC_URL,
      },
      context.now(),
    );
    return { outcome: "sent" as const, email: email.data, returnTo };
  });
}

export const headers: Route.HeadersFunction = () => personalHeaders;

export const handle: RouteHandle = { form: true };

export default function SignIn({ loaderData, actionData }: Route.ComponentProps) {
  const { signedOut } = loaderData;
  const returnTo = actionData && "returnTo" in actionData ? actionData.returnTo : loaderData.returnTo;
  const language = useLanguage();
  const t = useTranslate();
  if (actionData && "outcome" in actionData && actionData.outcome === "sent") {
    return (
      <>
        <FormPageTitle title={t("accounts.signIn.sentTitle")} refused={false} />
        <h1>{t("accounts.signIn.sentTitle")}</h1>
        <p>{t("accounts.signIn.sent", { email: actionData.email })}</p>
        <p>{t("accounts.signIn.sentHelp")}</p>
        <p>
          <a href={paths.signIn(language, returnTo)}>{t("accounts.signIn.again")}</a>
        </p>
      </>
    );
  }
  const invalid = actionData !== undefined && "outcome" in actionData && actionData.outcome === "invalid_email";
  return (
    <>
      <FormPageTitle title={t("accounts.signIn.title")} refused={invalid} />
      <h1>{t("accounts.signIn.title")}</h1>
      {signedOut && !actionData && (
        <div className="notice notice--open" role="status">
          <p>{t("accounts.signedOut")}</p>
        </div>
      )}
      <ErrorNotice error={actionError(actionData)} />
      <p>{t("accounts.signIn.intro")}</p>
      <SignInRequestForm returnTo={returnTo} email={actionData && "email" in actionData ? actionData.email : ""} invalid={invalid} />
    </>
  );
}
