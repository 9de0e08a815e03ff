import { data, Form, Link, redirect } from "react-router";
import type { Route } from "./+types/back-office-verification";
import { verifyCsrf } from "~/features/accounts/auth.server";
import { CsrfField } from "~/features/accounts/csrf-field";
import { CodeField, PasskeyForm } from "~/features/accounts/second-factor-forms";
import { factorSettings, requireStaffPerson } from "~/features/accounts/second-factor-access.server";
import { listFactors, passkeyAuthenticationOptions, useRecoveryCode, verifyPasskey, verifyTotp } from "~/features/accounts/second-factor.server";
import { safeReturnTo } from "~/features/accounts/sign-in.server";
import { actionError, ErrorNotice } from "~/lib/error-notice";
import { AppError } from "~/lib/errors";
import { FormPageTitle } from "~/lib/form-errors";
import { handleActionErrors, handleErrors, routeLanguage } from "~/lib/http.server";
import { paths } from "~/lib/paths";
import { useLanguage, useTranslate } from "~/lib/use-language";

const personalHeaders = { "Cache-Control": "private, no-store" };

export async function loader({ request, context }: Route.LoaderArgs) {
  return handleErrors(async () => {
    const language = routeLanguage(request);
    const person = await requireStaffPerson(request, context);
    const returnTo = safeReturnTo(new URL(request.url).searchParams.get("return_to"));
    const factors = await listFactors(context.db, person.personId);
    // Nothing to verify with: the security page enrols a first factor.
    if (factors.length === 0) throw redirect(paths.security(language, returnTo), 303);
    const options = await passkeyAuthenticationOptions(context.db, person, context.now(), factorSettings(context, language));
    return data(
      { language, csrfToken: person.csrfToken, returnTo, passkeyOptions: options && JSON.stringify(options), totp: factors.some((factor) => factor.kind === "totp") },
      { headers: personalHeaders },
    );
  });
}

export async function action(args: Route.ActionArgs) {
  const { request, context } = args;
  return handleActionErrors<never, { intent: string }>(async (keep) => {
    const language = routeLanguage(request);
    const person = await requireStaffPerson(request, context);
    const form = await request.formData();
    keep({ intent: String(form.get("intent") ?? "") });
    verifyCsrf(args, form, person);
    const now = context.now();
    const returnTo = safeReturnTo(String(form.get("return_to") ?? ""));
    const settings = factorSettings(context, language);
    const code = String(form.get("code") ?? "");
    const intent = form.get("intent");
    switch (intent) {
      case "passkey":
        await verifyPasskey(context.db, person, String(form.get("credential") ?? ""), now, settings);
        break;
      case "totp":
        await verifyTotp(context.db, person, code, now, settings);
        break;
      case "recovery":
        await useRecoveryCode(context.db, person, code, now);
        break;
      default:
        throw new AppError("unknown_intent");
    }
    throw redirect(returnTo ?? paths.security(language), 303);
  });
}

export const headers: Route.HeadersFunction = () => personalHeaders;


export default function BackOfficeVerification({ loaderData, actionData }: Route.ComponentProps) {
  const { csrfToken, returnTo, passkeyOptions, totp } = loaderData;
  const language = useLanguage();
  const t = useTranslate();
  const error = actionError(actionData);
  const codeRefused = error && (error.code === "second_factor_code_wrong" || error.code === "second_factor_rate_limited");
  // Which form the refused code came from: the field marked is that one.
  const refusedIntent = actionData && "intent" in actionData ? actionData.intent : undefined;
  const hidden = (
    <>
      <CsrfField token={csrfToken} />
      {returnTo && <input type="hidden" name="return_to" value={returnTo} />}
    </>
  );
  return (
    <>
      <FormPageTitle title={t("secondFactor.verify.title")} refused={error !== undefined} />
      <h1>{t("secondFactor.verify.title")}</h1>
      <p>{t("secondFactor.verify.intro")}</p>
      {!codeRefused && <ErrorNotice error={error} />}
      {passkeyOptions && (
        <section aria-labelledby="verify-passkey">
          <h2 id="verify-passkey">{t("secondFactor.kind.passkey")}</h2>
          <PasskeyForm ceremony="authentication" options={passkeyOptions} intent="passkey" label={t("secondFactor.verify.passkey")} help={t("secondFactor.passkey.help")}>
            {hidden}
          </PasskeyForm>
        </section>
      )}
      {totp && (
        <section aria-labelledby="verify-totp">
          <h2 id="verify-totp">{t("secondFactor.kind.totp")}</h2>
          <Form method="post" className="registration-form">
            {hidden}
            <input type="hidden" name="intent" value="totp" />
            <CodeField id="totp-code" label={t("secondFactor.verify.totp")} error={codeRefused && refusedIntent !== "recovery" ? t(error.message) : undefined} />
            <button type="submit" className="button">
              {t("secondFactor.verify.totpSubmit")}
            </button>
          </Form>
        </section>
      )}
      <section aria-labelledby="verify-recovery">
        <h2 id="verify-recovery">{t("secondFactor.verify.recovery")}</h2>
        <Form method="post" className="registration-form">
          {hidden}
          <input type="hidden" name="intent" value="recovery" />
          <CodeField id="recovery-code" recovery label={t("secondFactor.verify.recoveryCode")} error={codeRefused && refusedIntent === "recovery" ? t(error.message) : undefined} />
          <button type="submit" className="button button--secondary">
            {t("secondFactor.verify.recoverySubmit")}
          </button>
        </Form>
      </section>
      <p>
        <Link className="button button--secondary" to={paths.security(language, returnTo)}>
          {t("secondFactor.verify.manage")}
        </Link>
      </p>
    </>
  );
}
