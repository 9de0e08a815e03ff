import { data, redirect } from "react-router";
import type { Route } from "./+types/sign-in";
import { optionalPerson, verifyCsrf } from "~/features/accounts/auth.server";
import { CsrfField } from "~/features/accounts/csrf-field";
import { emailAddress, requestSignInLink, safeReturnTo } from "~/features/accounts/sign-in.server";
import { emailMaxLength } from "~/features/accounts/sign-in";
import { translate } from "~/i18n/translate";
import { actionError, ErrorNotice } from "~/lib/error-notice";
import { handleActionErrors, handleErrors, routeLanguage } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { paths } from "~/lib/paths";
import { useLanguage, useTranslate } from "~/lib/use-language";
import type { RouteHandle } from "~/root";

// Personal page: never kept by the page cache nor by the browser.
const personalHeaders = { "Cache-Control": "private, no-store" };

export async function loader({ request, context }: Route.LoaderArgs) {
  return handleErrors(async () => {
    const language = routeLanguage(request);
    const person = await optionalPerson(request, context);
    const returnTo = safeReturnTo(new URL(request.url).searchParams.get("return_to"));
    if (person && returnTo) throw redirect(returnTo);
    const account = person && { email: person.email, csrfToken: person.csrfToken };
    return { language, account, returnTo };
  });
}

export async function action(args: Route.ActionArgs) {
  const { request, context } = args;
  return handleActionErrors(async () => {
    const language = routeLanguage(request);
    const form = await request.formData();
    verifyCsrf(args, form, await optionalPerson(request, context));
    const email = emailAddress.safeParse(form.get("email") ?? "");
    if (!email.success) {
      // Shown back in the field, never more than the field holds.
      const typed = form.get("email");
      return data({ outcome: "invalid_email" as const, email: typeof typed === "string" ? typed.slice(0, emailMaxLength) : "" }, { status: 400 });
    }
    await requestSignInLink(
      context.db,
      {
        email: email.data,
        language,
        returnTo: safeReturnTo(String(form.get("return_to") ?? "")),
        clientAddress: context.clientAddress,
        publicUrl: context.env.PUBLIC_URL,
      },
      context.now(),
    );
    return { outcome: "sent" as const, email: email.data };
  });
}

export const headers: Route.HeadersFunction = () => personalHeaders;

export const handle: RouteHandle = { form: true };

export const meta: Route.MetaFunction = ({ data: page }) =>
  page ? [{ title: pageTitle(page.language, translate(page.language, page.account ? "accounts.mySpace" : "accounts.signIn.title")) }] : [];

function Account({ email, csrfToken }: { email: string; csrfToken: string }) {
  const language = useLanguage();
  const t = useTranslate();
  return (
    <>
      <h1>{t("accounts.mySpace")}</h1>
      <p>{t("accounts.account.signedInAs", { email })}</p>
      <form method="post" action={paths.signOut(language)}>
        <CsrfField token={csrfToken} />
        <button type="submit" className="button">
          {t("accounts.account.signOut")}
        </button>
      </form>
      <form method="post" action={paths.signOut(language)}>
        <CsrfField token={csrfToken} />
        <input type="hidden" name="scope" value="everywhere" />
        <p id="sign-out-everywhere-help">{t("accounts.account.signOutEverywhereHelp")}</p>
        <button type="submit" className="button button--secondary" aria-describedby="sign-out-everywhere-help">
          {t("accounts.account.signOutEverywhere")}
        </button>
      </form>
    </>
  );
}

function RequestForm({ returnTo, email, invalid }: { returnTo: string | undefined; email: string; invalid: boolean }) {
  const t = useTranslate();
  return (
    <form method="post">
      {returnTo && <input type="hidden" name="return_to" value={returnTo} />}
      <p>
        <label htmlFor="email">{t("accounts.signIn.email")}</label>
        <br />
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          spellCheck={false}
          required
          maxLength={emailMaxLength}
          defaultValue={email}
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? "email-error" : undefined}
        />
      </p>
      {invalid && (
        <p id="email-error" className="notice notice--closed">
          {t("accounts.signIn.invalidEmail")}
        </p>
      )}
      <button type="submit" className="button">
        {t("accounts.signIn.submit")}
      </button>
    </form>
  );
}

export default function SignIn({ loaderData, actionData }: Route.ComponentProps) {
  const { account, returnTo } = loaderData;
  const language = useLanguage();
  const t = useTranslate();
  if (account) return <Account {...account} />;
  if (actionData && "outcome" in actionData && actionData.outcome === "sent") {
    return (
      <>
        <h1>{t("accounts.signIn.sentTitle")}</h1>
        <p>{t("accounts.signIn.sent", { email: actionData.email })}</p>
        <p>{t("accounts.signIn.sentHelp")}</p>
        <p>
          <a href={paths.signIn(language, returnTo)}>{t("accounts.signIn.again")}</a>
        </p>
      </>
    );
  }
  return (
    <>
      <h1>{t("accounts.signIn.title")}</h1>
      <ErrorNotice error={actionError(actionData)} />
      <p>{t("accounts.signIn.intro")}</p>
      <RequestForm
        returnTo={returnTo}
        email={actionData && "email" in actionData ? actionData.email : ""}
        invalid={actionData !== undefined && "outcome" in actionData && actionData.outcome === "invalid_email"}
      />
    </>
  );
}
