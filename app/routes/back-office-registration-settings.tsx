import { data, Form } from "react-router";
import type { Route } from "./+types/back-office-registration-settings";
import { verifyCsrf } from "~/features/accounts/auth.server";
import { CsrfField } from "~/features/accounts/csrf-field";
import { BackOfficeNav } from "~/features/organisers/components/back-office-nav";
import { requireBackOffice } from "~/features/organisers/organisers.server";
import { participantCategories } from "~/db/schema";
import { refusedForm, SettingsErrorSummary } from "~/features/settings/components/settings-form";
import { parseRegistrationSettings } from "~/features/settings/fields";
import { localInput, registrationSettings, updateRegistrationSettings } from "~/features/settings/registration-settings.server";
import { doneNotice, doneRedirect, personalHeaders, refuse } from "~/features/settings/route-parts.server";
import { translate } from "~/i18n/translate";
import { actionError, ErrorNotice } from "~/lib/error-notice";
import type { MessageKey } from "~/i18n/translate";
import { controlProps, FieldError, fieldClass, FormPageTitle } from "~/lib/form-errors";
import { handleActionErrors, handleErrors, parseYear, routeLanguage } from "~/lib/http.server";
import { useTranslate } from "~/lib/use-language";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  return handleErrors(async () => {
    const language = routeLanguage(request);
    const { access, person, edition } = await requireBackOffice(request, context, parseYear(params.year), "content");
    const settings = await registrationSettings(context.db, access);
    return data(
      {
        language,
        year: edition.year,
        csrfToken: person.csrfToken,
        permissions: [...access.permissions],
        settings: {
          ...settings,
          opensAt: localInput(settings.opensAt, settings.timeZone),
          closesAt: localInput(settings.closesAt, settings.timeZone),
        },
        done: doneNotice(request, ["saved"] as const),
      },
      { headers: personalHeaders },
    );
  });
}

export async function action(args: Route.ActionArgs) {
  const { request, params, context } = args;
  return handleActionErrors(async (keep) => {
    const { access, person } = await requireBackOffice(request, context, parseYear(params.year), "content");
    const form = await request.formData();
    verifyCsrf(args, form, person);
    const { values, errors } = parseRegistrationSettings(form);
    const { refused, status } = refuse("settings", form, errors);
    if (Object.keys(errors).length > 0) return data({ refused }, { status });
    // A refusal by the rules (a window closing before it opens…) shows the values typed again.
    keep({ refused: { ...refused, errors: {} } });
    await updateRegistrationSettings(context.db, access, { input: values, now: context.now() });
    await context.contentChanged();
    return doneRedirect(request, "saved");
  });
}

export const headers: Route.HeadersFunction = () => personalHeaders;

export const meta: Route.MetaFunction = ({ data: page }) =>
  page ? [{ title: translate(page.language, "settings.registration.title", { year: page.year }) }] : [];

export default function BackOfficeRegistrationSettings({ loaderData, actionData }: Route.ComponentProps) {
  const { year, csrfToken, permissions, settings, done } = loaderData;
  const t = useTranslate();
  const refused = refusedForm(actionData);
  const value = (name: string, fallback: string) => {
    const typed = refused?.values[name];
    return typed === undefined ? (refused ? "" : fallback) : Array.isArray(typed) ? (typed[0] ?? "") : typed;
  };
  const checked = (name: string, fallback: boolean) => (refused ? refused.values[name] === "yes" : fallback);
  const categories = refused
    ? ([] as string[]).concat(refused.values.categories ?? [])
    : settings.categoriesRequiringApproval;
  const error = (name: string) => {
    const key = refused?.errors[name];
    return key ? t(key as MessageKey) : undefined;
  };
  const labels = {
    opens_at: t("settings.registration.opensAt"),
    closes_at: t("settings.registration.closesAt"),
    capacity: t("settings.registration.capacity"),
    categories: t("settings.registration.categories"),
  };
  const title = t("settings.registration.title", { year });
  const field = (name: "opens_at" | "closes_at", fallback: string) => (
    <div className={fieldClass(error(name))}>
      <label htmlFor={`settings-${name}`}>{labels[name]}</label>
      <input
        id={`settings-${name}`}
        name={name}
        type="datetime-local"
        required
        defaultValue={value(name, fallback)}
        {...controlProps(`settings-${name}`, error(name), "window-help")}
      />
      <FieldError id={`settings-${name}`} message={error(name)} />
    </div>
  );
  return (
    <>
      <FormPageTitle title={title} refused={Boolean(refused) || Boolean(actionError(actionData))} />
      <BackOfficeNav year={year} permissions={permissions} current="registration-settings" />
      <h1>{title}</h1>
      <SettingsErrorSummary state={refused && Object.keys(refused.errors).length > 0 ? refused : undefined} labels={labels} />
      <ErrorNotice error={actionError(actionData)} />
      {done && !actionData && (
        <p className="notice notice--open" role="status">
          {t("settings.saved")}
        </p>
      )}
      <Form method="post" className="registration-form">
        <CsrfField token={csrfToken} />
        <fieldset>
          <legend>{t("settings.registration.window")}</legend>
          <p className="hint" id="window-help">
            {t("settings.registration.windowHelp", { zone: settings.timeZone })}
          </p>
          {field("opens_at", settings.opensAt)}
          {field("closes_at", settings.closesAt)}
        </fieldset>
        <div className={fieldClass(error("capacity"))}>
          <label htmlFor="settings-capacity">{labels.capacity}</label>
          <p className="hint" id="capacity-help">
            {t("settings.registration.capacityHelp", { confirmed: settings.confirmed })}
          </p>
          <input
            id="settings-capacity"
            name="capacity"
            type="number"
            min={Math.max(1, settings.confirmed)}
            inputMode="numeric"
            defaultValue={value("capacity", settings.capacity === null ? "" : String(settings.capacity))}
            {...controlProps("settings-capacity", error("capacity"), "capacity-help")}
          />
          <FieldError id="settings-capacity" message={error("capacity")} />
        </div>
        <fieldset>
          <legend>{t("settings.registration.approval")}</legend>
          <ul className="choices">
            <li>
              <label>
                <input type="checkbox" name="requires_approval" value="yes" defaultChecked={checked("requires_approval", settings.requiresApproval)} />{" "}
                {t("settings.registration.requiresApproval")}
              </label>
            </li>
          </ul>
        </fieldset>
        <fieldset className={fieldClass(error("categories"))} id="settings-categories">
          <legend>{labels.categories}</legend>
          <ul className="choices">
            {participantCategories.map((category) => (
              <li key={category}>
                <label>
                  <input type="checkbox" name="categories" value={category} defaultChecked={categories.includes(category)} />{" "}
                  {t(`registration.category.${category}`)}
                </label>
              </li>
            ))}
          </ul>
          <FieldError id="settings-categories" message={error("categories")} />
        </fieldset>
        <button type="submit" className="button">
          {t("settings.save")}
        </button>
      </Form>
    </>
  );
}
