import { data, Form, Link, redirect } from "react-router";
import type { Route } from "./+types/back-office-security";
import { verifyCsrf } from "~/features/accounts/auth.server";
import { CsrfField } from "~/features/accounts/csrf-field";
import { factorSettings, requireStaffPerson } from "~/features/accounts/second-factor-access.server";
import {
  confirmTotpEnrolment,
  hasFreshFactor,
  hasRecentFactor,
  listFactors,
  passkeyRegistrationOptions,
  pendingTotpEnrolment,
  recoveryCodesLeft,
  regenerateRecoveryCodes,
  registerPasskey,
  removeFactor,
  startTotpEnrolment,
} from "~/features/accounts/second-factor.server";
import { safeReturnTo } from "~/features/accounts/sign-in.server";
import { CodeField, PasskeyForm, RecoveryCodes } from "~/features/accounts/second-factor-forms";
import { actionError, ErrorNotice } from "~/lib/error-notice";
import { AppError } from "~/lib/errors";
import { FormPageTitle } from "~/lib/form-errors";
import { formatDate } from "~/lib/format";
import { handleActionErrors, handleErrors, parseId, routeLanguage } from "~/lib/http.server";
import { paths } from "~/lib/paths";
import { useLanguage, useTranslate } from "~/lib/use-language";

const personalHeaders = { "Cache-Control": "private, no-store" };

function returnToOf(request: Request, form?: FormData): string | undefined {
  return safeReturnTo(form ? String(form.get("return_to") ?? "") : new URL(request.url).searchParams.get("return_to"));
}

export async function loader({ request, context }: Route.LoaderArgs) {
  return handleErrors(async () => {
    const language = routeLanguage(request);
    const person = await requireStaffPerson(request, context);
    const now = context.now();
    const returnTo = returnToOf(request);
    const factors = await listFactors(context.db, person.personId);
    // Someone holding a factor proves it before changing anything: a stolen cookie alone enrols nothing.
    if (factors.length > 0 && !hasFreshFactor(person, now)) throw redirect(paths.verification(language, paths.security(language, returnTo)), 303);
    const settings = factorSettings(context, language);
    const [recoveryLeft, pendingTotp, passkeyOptions] = await Promise.all([
      recoveryCodesLeft(context.db, person.personId),
      pendingTotpEnrolment(context.db, person, settings),
      passkeyRegistrationOptions(context.db, person, now, settings),
    ]);
    return data(
      {
        language,
        csrfToken: person.csrfToken,
        returnTo,
        factors,
        recoveryLeft,
        pendingTotp,
        passkeyOptions: JSON.stringify(passkeyOptions),
        recent: hasRecentFactor(person, now),
      },
      { headers: personalHeaders },
    );
  });
}

export async function action(args: Route.ActionArgs) {
  const { request, context } = args;
  return handleActionErrors(async () => {
    const language = routeLanguage(request);
    const person = await requireStaffPerson(request, context);
    const form = await request.formData();
    verifyCsrf(args, form, person);
    const now = context.now();
    const returnTo = returnToOf(request, form);
    const settings = factorSettings(context, language);
    const factors = await listFactors(context.db, person.personId);
    if (factors.length > 0 && !hasFreshFactor(person, now)) throw redirect(paths.verification(language, paths.security(language, returnTo)), 303);
    const here = paths.security(language, returnTo);
    switch (form.get("intent")) {
      case "passkey_register": {
        const { recoveryCodes } = await registerPasskey(context.db, person, String(form.get("credential") ?? ""), now, settings);
        if (recoveryCodes) return { recoveryCodes, returnTo };
        throw redirect(here, 303);
      }
      case "totp_start":
        await startTotpEnrolment(context.db, person, now, settings);
        throw redirect(here, 303);
      case "totp_confirm": {
        const { recoveryCodes } = await confirmTotpEnrolment(context.db, person, String(form.get("code") ?? ""), now, settings);
        if (recoveryCodes) return { recoveryCodes, returnTo };
        throw redirect(here, 303);
      }
      case "remove":
        await removeFactor(context.db, person, parseId(String(form.get("factor") ?? "")), now);
        throw redirect(here, 303);
      case "recovery_regenerate":
        return { recoveryCodes: await regenerateRecoveryCodes(context.db, person, now), returnTo };
      default:
        throw new AppError("unknown_intent");
    }
  });
}

export const headers: Route.HeadersFunction = () => personalHeaders;


export default function BackOfficeSecurity({ loaderData, actionData }: Route.ComponentProps) {
  const { csrfToken, returnTo, factors, recoveryLeft, pendingTotp, passkeyOptions, recent } = loaderData;
  const language = useLanguage();
  const t = useTranslate();
  const error = actionError(actionData);
  const codeError = error && (error.code === "second_factor_code_wrong" || error.code === "second_factor_rate_limited") ? t(error.message) : undefined;
  const shownCodes = actionData && "recoveryCodes" in actionData ? actionData.recoveryCodes : null;
  const hidden = (
    <>
      <CsrfField token={csrfToken} />
      {returnTo && <input type="hidden" name="return_to" value={returnTo} />}
    </>
  );

  if (shownCodes) {
    return (
      <>
        <FormPageTitle title={t("secondFactor.recovery.title")} refused={false} />
        <h1>{t("secondFactor.recovery.title")}</h1>
        <RecoveryCodes codes={shownCodes} />
        <p>
          <Link className="button" to={returnTo ?? paths.security(language)}>
            {t("secondFactor.continue")}
          </Link>
        </p>
      </>
    );
  }

  return (
    <>
      <FormPageTitle title={t("secondFactor.security.title")} refused={error !== undefined} />
      <h1>{t("secondFactor.security.title")}</h1>
      <p>{t("secondFactor.security.intro")}</p>
      {!codeError && <ErrorNotice error={error} />}

      <section aria-labelledby="factors">
        <h2 id="factors">{t("secondFactor.security.factors")}</h2>
        {factors.length === 0 ? (
          <p>{t("secondFactor.security.none")}</p>
        ) : (
          <ul className="cards">
            {factors.map((factor) => {
              const name = t(`secondFactor.kind.${factor.kind}`);
              return (
                <li key={factor.id} className="card">
                  <h3>{name}</h3>
                  <p className="meta">
                    {t("secondFactor.security.added", { date: formatDate(factor.createdAt, language, "Europe/Paris") })}
                    {factor.lastUsedAt && <>, {t("secondFactor.security.lastUsed", { date: formatDate(factor.lastUsedAt, language, "Europe/Paris") })}</>}
                  </p>
                  {recent && (
                    <Form method="post">
                      {hidden}
                      <input type="hidden" name="factor" value={factor.id} />
                      <button type="submit" name="intent" value="remove" className="button button--secondary">
                        {t("secondFactor.security.remove")}
                        <span className="visually-hidden"> – {name}</span>
                      </button>
                    </Form>
                  )}
                </li>
              );
            })}
          </ul>
        )}
        {factors.length > 0 && !recent && (
          <p>
            {t("secondFactor.security.removeNeedsRecent")}{" "}
            <Link to={paths.verification(language, paths.security(language, returnTo))}>{t("secondFactor.security.verifyAgain")}</Link>
          </p>
        )}
      </section>

      <section aria-labelledby="passkey">
        <h2 id="passkey">{t("secondFactor.passkey.add")}</h2>
        <PasskeyForm ceremony="registration" options={passkeyOptions} intent="passkey_register" label={t("secondFactor.passkey.add")} help={t("secondFactor.passkey.help")}>
          {hidden}
        </PasskeyForm>
      </section>

      <section aria-labelledby="totp">
        <h2 id="totp">{t("secondFactor.totp.add")}</h2>
        {pendingTotp ? (
          <Form method="post" className="registration-form">
            {hidden}
            <p>{t("secondFactor.totp.scan")}</p>
            <dl>
              <dt>{t("secondFactor.totp.secret")}</dt>
              <dd>
                <code data-totp-secret>{pendingTotp.secret}</code>
              </dd>
              <dt>{t("secondFactor.totp.uri")}</dt>
              <dd>
                <code className="break-anywhere">{pendingTotp.uri}</code>
              </dd>
            </dl>
            <p>{t("secondFactor.totp.confirm")}</p>
            <CodeField id="code" label={t("secondFactor.code")} error={codeError} />
            <button type="submit" name="intent" value="totp_confirm" className="button">
              {t("secondFactor.totp.confirmSubmit")}
            </button>
          </Form>
        ) : (
          <Form method="post">
            {hidden}
            <button type="submit" name="intent" value="totp_start" className="button">
              {t("secondFactor.totp.start")}
            </button>
          </Form>
        )}
      </section>

      {factors.length > 0 && (
        <section aria-labelledby="recovery">
          <h2 id="recovery">{t("secondFactor.recovery.title")}</h2>
          <p>{t("secondFactor.recovery.left", { count: recoveryLeft })}</p>
          {recent && (
            <Form method="post">
              {hidden}
              <p className="hint">{t("secondFactor.recovery.regenerateHelp")}</p>
              <button type="submit" name="intent" value="recovery_regenerate" className="button button--secondary">
                {t("secondFactor.recovery.regenerate")}
              </button>
            </Form>
          )}
        </section>
      )}
    </>
  );
}
