import { data } from "react-router";
import type { Route } from "./+types/back-office-meetings";
import { verifyCsrf } from "~/features/accounts/auth.server";
import { CsrfField } from "~/features/accounts/csrf-field";
import { themeLabelMax } from "~/features/meetings/limits";
import { addTheme, deleteTheme, moveTheme, renameTheme, themesForOrganisers } from "~/features/meetings/themes.server";
import { BackOfficeNav } from "~/features/organisers/components/back-office-nav";
import { requireBackOffice } from "~/features/organisers/organisers.server";
import { doneNotice, doneRedirect, personalHeaders } from "~/features/settings/route-parts.server";
import { translate } from "~/i18n/translate";
import { actionError, ErrorNotice } from "~/lib/error-notice";
import { AppError } from "~/lib/errors";
import { FormPageTitle } from "~/lib/form-errors";
import { handleActionErrors, handleErrors, parseId, parseYear, routeLanguage } from "~/lib/http.server";
import { useTranslate } from "~/lib/use-language";

const notices = ["added", "renamed", "moved", "deleted"] as const;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  return handleErrors(async () => {
    const language = routeLanguage(request);
    const { access, person, edition } = await requireBackOffice(request, context, parseYear(params.year), "meetings");
    return data(
      {
        language,
        year: edition.year,
        csrfToken: person.csrfToken,
        permissions: [...access.permissions],
        themes: await themesForOrganisers(context.db, access),
        done: doneNotice(request, notices),
      },
      { headers: personalHeaders },
    );
  });
}

export async function action(args: Route.ActionArgs) {
  const { request, params, context } = args;
  return handleActionErrors(async () => {
    const { access, person } = await requireBackOffice(request, context, parseYear(params.year), "meetings");
    const form = await request.formData();
    verifyCsrf(args, form, person);
    const now = context.now();
    const label = () => ({ fr: String(form.get("label_fr") ?? ""), en: String(form.get("label_en") ?? "") });
    const themeId = () => parseId(String(form.get("theme") ?? ""));
    switch (form.get("intent")) {
      case "add":
        await addTheme(context.db, access, { label: label(), now });
        return doneRedirect(request, "added");
      case "rename":
        await renameTheme(context.db, access, { themeId: themeId(), label: label(), now });
        return doneRedirect(request, "renamed");
      case "up":
      case "down":
        await moveTheme(context.db, access, { themeId: themeId(), direction: form.get("intent") === "up" ? "up" : "down", now });
        return doneRedirect(request, "moved");
      case "delete":
        await deleteTheme(context.db, access, { themeId: themeId(), now });
        return doneRedirect(request, "deleted");
      default:
        throw new AppError("unknown_intent");
    }
  });
}

export const headers: Route.HeadersFunction = () => personalHeaders;

export const meta: Route.MetaFunction = ({ data: page }) => (page ? [{ title: translate(page.language, "meetings.themes.title", { year: page.year }) }] : []);

export default function BackOfficeMeetings({ loaderData, actionData }: Route.ComponentProps) {
  const { year, csrfToken, permissions, themes, done } = loaderData;
  const t = useTranslate();
  const error = actionError(actionData);
  const title = t("meetings.themes.title", { year });
  return (
    <>
      <FormPageTitle title={title} refused={error !== undefined} />
      <BackOfficeNav year={year} permissions={permissions} current="meetings" />
      <h1>{title}</h1>
      <ErrorNotice error={error} />
      {done && !error && (
        <p className="notice notice--open" role="status">
          {t(`meetings.themes.done.${done}`)}
        </p>
      )}
      <p>{t("meetings.themes.intro")}</p>
      {themes.length === 0 ? (
        <p>{t("meetings.themes.none")}</p>
      ) : (
        <div className="table-scroll" role="region" aria-labelledby="themes-caption" tabIndex={0}>
          <table>
            <caption id="themes-caption">{t("meetings.themes.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("meetings.themes.french")}</th>
                <th scope="col">{t("meetings.themes.english")}</th>
                <th scope="col">{t("meetings.themes.profiles")}</th>
                <th scope="col">{t("meetings.themes.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {themes.map((theme, index) => (
                <tr key={theme.id}>
                  <td colSpan={2}>
                    <form method="post" className="inline-form">
                      <CsrfField token={csrfToken} />
                      <input type="hidden" name="theme" value={theme.id} />
                      <label className="visually-hidden" htmlFor={`theme-${theme.id}-fr`}>
                        {`${t("meetings.themes.french")}, ${theme.label.fr}`}
                      </label>
                      <input id={`theme-${theme.id}-fr`} name="label_fr" lang="fr" defaultValue={theme.label.fr} maxLength={themeLabelMax} required />{" "}
                      <label className="visually-hidden" htmlFor={`theme-${theme.id}-en`}>
                        {`${t("meetings.themes.english")}, ${theme.label.en}`}
                      </label>
                      <input id={`theme-${theme.id}-en`} name="label_en" lang="en" defaultValue={theme.label.en} maxLength={themeLabelMax} required />{" "}
                      <button
                        type="submit"
                        name="intent"
                        value="rename"
                        className="button button--secondary"
                        aria-label={`${t("meetings.themes.rename")} ${theme.label.fr}`}
                      >
                        {t("meetings.themes.rename")}
                      </button>
                    </form>
                  </td>
                  <td>{theme.profiles}</td>
                  <td>
                    <form method="post" className="inline-form">
                      <CsrfField token={csrfToken} />
                      <input type="hidden" name="theme" value={theme.id} />
                      {index > 0 && (
                        <button type="submit" name="intent" value="up" className="button button--secondary">
                          {t("meetings.themes.up", { label: theme.label.fr })}
                        </button>
                      )}{" "}
                      {index < themes.length - 1 && (
                        <button type="submit" name="intent" value="down" className="button button--secondary">
                          {t("meetings.themes.down", { label: theme.label.fr })}
                        </button>
                      )}{" "}
                      <button type="submit" name="intent" value="delete" className="button button--secondary">
                        {t("meetings.themes.delete", { label: theme.label.fr })}
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form method="post" className="registration-form">
        <CsrfField token={csrfToken} />
        <fieldset>
          <legend>{t("meetings.themes.add")}</legend>
          <div className="field">
            <label htmlFor="new-fr">{t("meetings.themes.french")}</label>
            <input id="new-fr" name="label_fr" lang="fr" maxLength={themeLabelMax} required />
          </div>
          <div className="field">
            <label htmlFor="new-en">{t("meetings.themes.english")}</label>
            <input id="new-en" name="label_en" lang="en" maxLength={themeLabelMax} required />
          </div>
          <button type="submit" name="intent" value="add" className="button">
            {t("meetings.themes.addSubmit")}
          </button>
        </fieldset>
      </form>
    </>
  );
}
