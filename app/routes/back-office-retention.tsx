import { data, Form } from "react-router";
import type { Route } from "./+types/back-office-retention";
import { verifyCsrf } from "~/features/accounts/auth.server";
import { CsrfField } from "~/features/accounts/csrf-field";
import { BackOfficeNav } from "~/features/organisers/components/back-office-nav";
import { requireBackOffice } from "~/features/organisers/organisers.server";
import { refusedForm, SettingsErrorSummary } from "~/features/settings/components/settings-form";
import { parseRetention } from "~/features/settings/fields";
import { retentionPlan, retentionSettings, updateRetentionSettings } from "~/features/settings/retention.server";
import { doneNotice, doneRedirect, personalHeaders, refuse } from "~/features/settings/route-parts.server";
import { translate, type MessageKey } from "~/i18n/translate";
import { actionError, ErrorNotice } from "~/lib/error-notice";
import { controlProps, FieldError, fieldClass, FormPageTitle } from "~/lib/form-errors";
import { formatDateTime } from "~/lib/format";
import { handleActionErrors, handleErrors, parseYear, routeLanguage } from "~/lib/http.server";
import { useLanguage, useTranslate } from "~/lib/use-language";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  return handleErrors(async () => {
    const language = routeLanguage(request);
    const { access, person, edition } = await requireBackOffice(request, context, parseYear(params.year), "team");
    const [settings, plan] = await Promise.all([retentionSettings(context.db, access), retentionPlan(context.db, access)]);
    return data(
      {
        language,
        year: edition.year,
        timeZone: edition.time_zone,
        csrfToken: person.csrfToken,
        permissions: [...access.permissions],
        settings,
        plan,
        done: doneNotice(request, ["saved"] as const),
      },
      { headers: personalHeaders },
    );
  });
}

export async function action(args: Route.ActionArgs) {
  const { request, params, context } = args;
  return handleActionErrors(async () => {
    const { access, person } = await requireBackOffice(request, context, parseYear(params.year), "team");
    const form = await request.formData();
    verifyCsrf(args, form, person);
    const { values, errors } = parseRetention(form);
    if (Object.keys(errors).length > 0) return data({ refused: refuse("retention", form, errors).refused }, { status: 422 });
    await updateRetentionSettings(context.db, access, { input: values, now: context.now() });
    return doneRedirect(request, "saved");
  });
}

export const headers: Route.HeadersFunction = () => personalHeaders;

export const meta: Route.MetaFunction = ({ data: page }) =>
  page ? [{ title: translate(page.language, "settings.retention.title", { year: page.year }) }] : [];

export default function BackOfficeRetention({ loaderData, actionData }: Route.ComponentProps) {
  const { year, timeZone, csrfToken, permissions, settings, plan, done } = loaderData;
  const language = useLanguage();
  const t = useTranslate();
  const refused = refusedForm(actionData);
  const labels = { retention_days: t("settings.retention.days"), health_retention_days: t("settings.retention.healthDays") };
  const error = (name: string) => {
    const key = refused?.errors[name];
    return key ? t(key as MessageKey) : undefined;
  };
  const value = (name: string, fallback: number) => (refused ? String(refused.values[name] ?? "") : String(fallback));
  const field = (name: "retention_days" | "health_retention_days", fallback: number, hint?: string) => (
    <div className={fieldClass(error(name))}>
      <label htmlFor={`retention-${name}`}>{labels[name]}</label>
      {hint && (
        <p className="hint" id={`retention-${name}-hint`}>
          {hint}
        </p>
      )}
      <input
        id={`retention-${name}`}
        name={name}
        type="number"
        min={0}
        max={3650}
        inputMode="numeric"
        required
        defaultValue={value(name, fallback)}
        {...controlProps(`retention-${name}`, error(name), hint ? `retention-${name}-hint` : undefined)}
      />
      <FieldError id={`retention-${name}`} message={error(name)} />
    </div>
  );
  const title = t("settings.retention.title", { year });
  return (
    <>
      <FormPageTitle title={title} refused={Boolean(refused)} />
      <BackOfficeNav year={year} permissions={permissions} current="retention" />
      <h1>{title}</h1>
      <SettingsErrorSummary state={refused} labels={labels} />
      <ErrorNotice error={actionError(actionData)} />
      {done && !actionData && (
        <p className="notice notice--open" role="status">
          {t("settings.saved")}
        </p>
      )}
      <p>{t("settings.retention.intro")}</p>
      <section aria-labelledby="plan" className="card">
        <h2 id="plan">{t("settings.retention.plan")}</h2>
        {plan.anonymiseOn ? (
          <>
            <p>
              {t("settings.retention.planDate", {
                date: formatDateTime(plan.anonymiseOn, language, timeZone),
                registrations: plan.registrations,
                people: plan.people,
              })}
            </p>
            <p>{t("settings.retention.planFields")}</p>
            <ul>
              {plan.fields.map((field) => (
                <li key={field}>{t(`settings.retention.field.${field}`)}</li>
              ))}
            </ul>
            <p>{t("settings.retention.planDeleted")}</p>
            <ul>
              {plan.deleted.map((rows) => (
                <li key={rows}>{t(`settings.retention.deleted.${rows}`)}</li>
              ))}
            </ul>
            {plan.healthErasedOn && (
              <p>{t("settings.retention.planHealth", { date: formatDateTime(plan.healthErasedOn, language, timeZone), count: plan.healthAnswers })}</p>
            )}
          </>
        ) : (
          <p>{t("settings.retention.planNoDays")}</p>
        )}
        <p>{t("settings.retention.planDone", { count: plan.anonymised })}</p>
      </section>
      <Form method="post" className="registration-form">
        <CsrfField token={csrfToken} />
        {field("retention_days", settings.retentionDays)}
        {field("health_retention_days", settings.healthRetentionDays, t("settings.retention.healthHelp"))}
        <button type="submit" className="button">
          {t("settings.save")}
        </button>
      </Form>
    </>
  );
}
