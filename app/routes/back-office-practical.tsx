import { data, Form } from "react-router";
import type { Route } from "./+types/back-office-practical";
import { verifyCsrf } from "~/features/accounts/auth.server";
import { CsrfField } from "~/features/accounts/csrf-field";
import { BackOfficeNav } from "~/features/organisers/components/back-office-nav";
import { requireBackOffice } from "~/features/organisers/organisers.server";
import { formState, LocalisedFields, localisedLabels, refusedForm, SettingsErrorSummary, type RefusedForm } from "~/features/settings/components/settings-form";
import { parsePracticalSection, settingsLimits } from "~/features/settings/fields";
import {
  addPracticalSection,
  deletePracticalSection,
  listPracticalSections,
  movePracticalSection,
  updatePracticalSection,
} from "~/features/settings/practical.server";
import { doneNotice, doneRedirect, parseDirection, personalHeaders, refuse } from "~/features/settings/route-parts.server";
import type { Language } from "~/i18n/languages";
import { translate } from "~/i18n/translate";
import { actionError, ErrorNotice } from "~/lib/error-notice";
import { AppError } from "~/lib/errors";
import { FormPageTitle } from "~/lib/form-errors";
import { handleActionErrors, handleErrors, parseId, parseYear, routeLanguage } from "~/lib/http.server";
import { newSubmissionKey, submissionKey } from "~/lib/once.server";
import { SubmissionField } from "~/lib/once-field";
import { localisedString } from "~/lib/localised";
import { useLanguage, useTranslate } from "~/lib/use-language";

const notices = ["added", "saved", "deleted", "moved"] as const;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  return handleErrors(async () => {
    const language = routeLanguage(request);
    const { access, person, edition } = await requireBackOffice(request, context, parseYear(params.year), "content");
    const sections = await listPracticalSections(context.db, access.editionId);
    return data(
      {
        language,
        year: edition.year,
        csrfToken: person.csrfToken,
        permissions: [...access.permissions],
        sections,
        submissionKey: newSubmissionKey(),
        done: doneNotice(request, notices),
      },
      { headers: personalHeaders },
    );
  });
}

export async function action(args: Route.ActionArgs) {
  const { request, params, context } = args;
  return handleActionErrors(async () => {
    const { access, person } = await requireBackOffice(request, context, parseYear(params.year), "content");
    const form = await request.formData();
    verifyCsrf(args, form, person);
    const now = context.now();
    const intent = form.get("intent");
    if (intent === "add" || intent === "edit") {
      const target = intent === "add" ? "new" : `section-${parseId(String(form.get("section") ?? ""))}`;
      const { values, errors } = parsePracticalSection(form);
      if (Object.keys(errors).length > 0) {
        const { refused, status } = refuse(target, form, errors);
        return data({ refused }, { status });
      }
      if (intent === "add") {
        const { id } = await addPracticalSection(context.db, access, { input: values, submissionKey: submissionKey(form), now });
        await context.contentChanged();
        return doneRedirect(request, "added", `section-${id}`);
      }
      const id = parseId(String(form.get("section") ?? ""));
      await updatePracticalSection(context.db, access, { id, input: values, now });
      await context.contentChanged();
      return doneRedirect(request, "saved", `section-${id}`);
    }
    const id = parseId(String(form.get("section") ?? ""));
    switch (intent) {
      case "delete":
        await deletePracticalSection(context.db, access, { id, now });
        await context.contentChanged();
        return doneRedirect(request, "deleted");
      case "move":
        await movePracticalSection(context.db, access, { id, direction: parseDirection(form.get("direction")), now });
        await context.contentChanged();
        return doneRedirect(request, "moved", `section-${id}`);
      default:
        throw new AppError("unknown_intent");
    }
  });
}

export const headers: Route.HeadersFunction = () => personalHeaders;

const doneKeys = {
  added: "settings.practical.added",
  saved: "settings.saved",
  deleted: "settings.practical.deleted",
  moved: "settings.practical.moved",
} as const;

function SectionFields({ form, defaultValue, state }: { form: string; defaultValue: { title: { fr: string; en: string }; body: { fr: string; en: string } } | null; state: RefusedForm | undefined }) {
  const t = useTranslate();
  const languageName = (language: Language) => t(language === "fr" ? "settings.languageFr" : "settings.languageEn");
  return (
    <>
      <LocalisedFields
        form={form}
        name="title"
        label={(language) => t("settings.practical.sectionTitle", { language: languageName(language) })}
        max={settingsLimits.sectionTitle}
        required
        defaultValue={defaultValue?.title ?? null}
        state={state}
      />
      <LocalisedFields
        form={form}
        name="body"
        label={(language) => t("settings.practical.sectionBody", { language: languageName(language) })}
        max={settingsLimits.sectionBody}
        multiline
        required
        defaultValue={defaultValue?.body ?? null}
        state={state}
      />
    </>
  );
}

export default function BackOfficePractical({ loaderData, actionData }: Route.ComponentProps) {
  const { year, csrfToken, permissions, sections, submissionKey: key, done } = loaderData;
  const language = useLanguage();
  const t = useTranslate();
  const refused = refusedForm(actionData);
  const languageName = (other: Language) => t(other === "fr" ? "settings.languageFr" : "settings.languageEn");
  const labels = localisedLabels({
    title: (other) => t("settings.practical.sectionTitle", { language: languageName(other) }),
    body: (other) => t("settings.practical.sectionBody", { language: languageName(other) }),
  });
  const title = t("settings.practical.title", { year });
  return (
    <>
      <FormPageTitle title={title} refused={Boolean(refused)} />
      <BackOfficeNav year={year} permissions={permissions} current="practical" />
      <h1>{title}</h1>
      <SettingsErrorSummary state={refused} labels={labels} />
      <ErrorNotice error={actionError(actionData)} />
      {done && !actionData && (
        <p className="notice notice--open" role="status">
          {t(doneKeys[done])}
        </p>
      )}
      <p>{t("settings.practical.intro")}</p>
      {sections.length === 0 && <p>{t("settings.practical.none")}</p>}
      <ol className="settings-list">
        {sections.map((section, index) => {
          const form = `section-${section.id}`;
          return (
            <li key={section.id} id={form} className="card">
              <h2>{localisedString(section.title, language)}</h2>
              <Form method="post" className="registration-form">
                <CsrfField token={csrfToken} />
                <input type="hidden" name="section" value={section.id} />
                <SectionFields form={form} defaultValue={section} state={formState(refused, form)} />
                <button type="submit" name="intent" value="edit" className="button">
                  {t("settings.save")}
                  <span className="visually-hidden"> – {localisedString(section.title, language)}</span>
                </button>
              </Form>
              <Form method="post" className="inline-form">
                <CsrfField token={csrfToken} />
                <input type="hidden" name="section" value={section.id} />
                <input type="hidden" name="intent" value="move" />
                {index > 0 && (
                  <button type="submit" name="direction" value="up" className="button button--secondary">
                    {t("settings.moveUp")}
                    <span className="visually-hidden"> – {localisedString(section.title, language)}</span>
                  </button>
                )}{" "}
                {index < sections.length - 1 && (
                  <button type="submit" name="direction" value="down" className="button button--secondary">
                    {t("settings.moveDown")}
                    <span className="visually-hidden"> – {localisedString(section.title, language)}</span>
                  </button>
                )}
              </Form>{" "}
              <Form method="post" className="inline-form">
                <CsrfField token={csrfToken} />
                <input type="hidden" name="section" value={section.id} />
                <button type="submit" name="intent" value="delete" className="button button--secondary">
                  {t("settings.delete")}
                  <span className="visually-hidden"> – {localisedString(section.title, language)}</span>
                </button>
              </Form>
            </li>
          );
        })}
      </ol>
      <section aria-labelledby="new-section">
        <h2 id="new-section">{t("settings.practical.add")}</h2>
        <Form method="post" className="registration-form">
          <CsrfField token={csrfToken} />
          <SubmissionField value={key} />
          <SectionFields form="new" defaultValue={null} state={formState(refused, "new")} />
          <button type="submit" name="intent" value="add" className="button">
            {t("settings.practical.add")}
          </button>
        </Form>
      </section>
    </>
  );
}

export const meta: Route.MetaFunction = ({ data: page }) =>
  page ? [{ title: translate(page.language, "settings.practical.title", { year: page.year }) }] : [];
