import { data, Form, Link, redirect } from "react-router";
import type { Route } from "./+types/back-office-edition";
import type { RouteHandle } from "~/root";
import { verifyCsrf } from "~/features/accounts/auth.server";
import { CsrfField } from "~/features/accounts/csrf-field";
import { copyEdition } from "~/features/editions/copy.server";
import { editionSettings, mayCopyEditions, setPublished, updateEdition } from "~/features/editions/edition-admin.server";
import { localisedFields, maxLengths, parseCopyForm, parseEditionForm, type EditionFormErrors, type LocalisedField } from "~/features/editions/edition-form";
import { placeFieldLabel, translationLink } from "~/features/editions/translation-links";
import { missingTranslations } from "~/features/editions/translations.server";
import { previewed } from "~/features/editions/components/preview-banner";
import { BackOfficeNav } from "~/features/organisers/components/back-office-nav";
import { requireBackOffice } from "~/features/organisers/organisers.server";
import type { Language } from "~/i18n/languages";
import { translate, type MessageKey } from "~/i18n/translate";
import { actionError, ErrorNotice } from "~/lib/error-notice";
import { AppError } from "~/lib/errors";
import { missingLanguage } from "~/features/editions/translations";
import { BilingualFields, type BilingualSide } from "~/lib/bilingual-fields";
import { controlProps, ErrorSummary, FieldError, fieldClass, FormPageTitle, type FormProblem } from "~/lib/form-errors";
import { handleActionErrors, handleErrors, parseYear, routeLanguage } from "~/lib/http.server";
import { newSubmissionKey, onceOnly, submissionKey } from "~/lib/once.server";
import { SubmissionField } from "~/lib/once-field";
import { paths } from "~/lib/paths";
import { useLanguage, useTranslate } from "~/lib/use-language";

const personalHeaders = { "Cache-Control": "private, no-store" };

export async function loader({ request, params, context }: Route.LoaderArgs) {
  return handleErrors(async () => {
    const language = routeLanguage(request);
    const { access, person } = await requireBackOffice(request, context, parseYear(params.year), "content");
    const [edition, missing, mayCopy] = await Promise.all([
      editionSettings(context.db, access),
      missingTranslations(context.db, access),
      mayCopyEditions(context.db, access.personId),
    ]);
    const done = new URL(request.url).searchParams.get("done");
    return data(
      {
        language,
        edition,
        missing: missing.map((item) => ({ ...item, href: translationLink(item, language, edition.year) })),
        mayCopy,
        copyKey: newSubmissionKey(),
        csrfToken: person.csrfToken,
        permissions: [...access.permissions],
        done: done === "saved" || done === "published" || done === "unpublished" || done === "copied" ? done : undefined,
      },
      { headers: personalHeaders },
    );
  });
}

type FormValues = Record<string, string | string[]>;
interface Kept {
  form?: "edition" | "copy";
  values?: FormValues;
  errors?: EditionFormErrors;
  confirmCount?: number;
}

function valuesOf(form: FormData): FormValues {
  const values: FormValues = {};
  for (const [name, value] of form) {
    if (typeof value !== "string" || name === "csrf") continue;
    values[name] = name === "day" ? [...((values[name] as string[] | undefined) ?? []), value] : value;
  }
  return values;
}

export async function action(args: Route.ActionArgs) {
  const { request, params, context } = args;
  return handleActionErrors<never, Kept>(async (keep) => {
    const language = routeLanguage(request);
    const { access, person, edition } = await requireBackOffice(request, context, parseYear(params.year), "content");
    const form = await request.formData();
    verifyCsrf(args, form, person);
    const now = context.now();
    const here = paths.backOffice(language, edition.year, "edition");
    switch (form.get("intent")) {
      case "save": {
        const parsed = parseEditionForm(form);
        keep({ form: "edition", values: valuesOf(form), errors: parsed.errors });
        if (!parsed.values) throw new AppError("invalid_form");
        await updateEdition(context.db, access, parsed.values, now);
        await context.contentChanged();
        throw redirect(`${here}?done=saved`, { status: 303 });
      }
      case "publish":
      case "unpublish": {
        const publish = form.get("intent") === "publish";
        try {
          await setPublished(context.db, access, { published: publish, confirmed: form.get("confirm") === "yes" }, now);
        } catch (error) {
          if (error instanceof AppError && error.code === "missing_translations_unconfirmed") {
            keep({ confirmCount: (await missingTranslations(context.db, access)).length });
          }
          throw error;
        }
        await context.contentChanged();
        throw redirect(`${here}?done=${publish ? "published" : "unpublished"}`, { status: 303 });
      }
      case "copy": {
        const parsed = parseCopyForm(form);
        keep({ form: "copy", values: valuesOf(form), errors: parsed.errors });
        const input = parsed.values;
        if (!input) throw new AppError("invalid_form");
        const key = submissionKey(form);
        const { result } = await context.db
          .transaction()
          .execute((tx) => onceOnly(tx, { key, personId: person.personId, now }, () => copyEdition(tx, access, input, now)));
        throw redirect(`${paths.backOffice(language, result.year, "edition")}?done=copied`, { status: 303 });
      }
      default:
        throw new AppError("unknown_intent");
    }
  });
}

export const headers: Route.HeadersFunction = () => personalHeaders;
export const handle: RouteHandle = { form: true };

const fieldLabels: Record<LocalisedField, MessageKey> = {
  title: "editions.edit.field.title",
  theme: "editions.edit.field.theme",
  summary: "editions.edit.field.summary",
  honour_text: "editions.edit.field.honour_text",
};

const otherFields = ["hashtag", "honoured_country_code", "time_zone"] as const;

export default function BackOfficeEdition({ loaderData, actionData }: Route.ComponentProps) {
  const { edition, missing, mayCopy, copyKey, csrfToken, permissions, done } = loaderData;
  const language = useLanguage();
  const t = useTranslate();
  const kept: Kept = actionData && typeof actionData === "object" ? (actionData as Kept) : {};
  const error = actionError(actionData);
  const editionErrors = kept.form === "edition" ? (kept.errors ?? {}) : {};
  const copyErrors = kept.form === "copy" ? (kept.errors ?? {}) : {};
  const shown = (name: string, stored: string): string => {
    const value = kept.form === "edition" ? kept.values?.[name] : undefined;
    return typeof value === "string" ? value : stored;
  };
  const storedDays = edition.days.map((d) => d.day);
  const keptDays = kept.form === "edition" ? kept.values?.day : undefined;
  const days = [...(Array.isArray(keptDays) ? keptDays : storedDays), ""];
  const languageName = (code: Language) => t(`editions.language.${code}`);
  const side = (field: LocalisedField, language: Language): BilingualSide => {
    const id = `${field}_${language}`;
    return {
      id,
      name: id,
      label: t(language === "fr" ? "editions.edit.french" : "editions.edit.english"),
      value: shown(id, edition[field]?.[language] ?? ""),
      error: editionErrors[id] ? t(editionErrors[id]) : undefined,
    };
  };

  const labelOf = (id: string): string => {
    const [field, side] = [id.replace(/_(fr|en)$/, ""), id.match(/_(fr|en)$/)?.[1]];
    if (localisedFields.includes(field as LocalisedField)) return `${t(fieldLabels[field as LocalisedField])} (${t(side === "en" ? "editions.edit.english" : "editions.edit.french")})`;
    if (id.startsWith("day-")) return t("editions.edit.day", { number: Number(id.slice(4)) + 1 });
    if (id === "copy_year") return t("editions.copy.year");
    if (id === "copy_number") return t("editions.copy.number");
    if (id === "copy_first_day") return t("editions.copy.firstDay");
    return t(`editions.edit.field.${id as (typeof otherFields)[number]}`);
  };
  const problems = (errors: EditionFormErrors): FormProblem[] =>
    Object.entries(errors).flatMap(([id, message]) => (message ? [{ id, label: labelOf(id), message: t(message) }] : []));
  const allProblems = [...problems(editionErrors), ...problems(copyErrors)];
  const doneMessages: Record<string, MessageKey | undefined> = {
    saved: "editions.edit.saved",
    published: "editions.publication.done",
    unpublished: "editions.publication.undone",
    copied: "editions.copy.done",
  };
  const doneMessage = done ? doneMessages[done] : undefined;

  return (
    <>
      <FormPageTitle title={t("editions.edit.title", { year: edition.year })} refused={allProblems.length > 0} />
      <BackOfficeNav year={edition.year} permissions={permissions} current="edition" />
      <h1>
        {t("editions.edit.title", { year: edition.year })}{" "}
        <span className={edition.published ? "status status--published" : "status status--draft"}>
          {t(edition.published ? "editions.status.published" : "editions.status.draft")}
        </span>
      </h1>
      {doneMessage && (
        <p className="notice notice--open" role="status">
          {t(doneMessage, { year: edition.year })}
        </p>
      )}
      <ErrorSummary problems={allProblems} />
      {error && error.code !== "invalid_form" && error.code !== "missing_translations_unconfirmed" && <ErrorNotice error={error} />}

      <section aria-labelledby="publication">
        <h2 id="publication">{t("editions.publication.title")}</h2>
        <p>{t(edition.published ? "editions.publication.published" : "editions.publication.draft")}</p>
        <p>
          <Link to={previewed(paths.edition(language, edition.year), !edition.published)}>{t("editions.preview")}</Link>
        </p>
        {kept.confirmCount !== undefined ? (
          <Form method="post" className="confirm-box" aria-labelledby="confirm-title">
            <h3 id="confirm-title">{t("editions.publication.confirmTitle")}</h3>
            <p role="alert">{t("editions.publication.confirmText", { count: kept.confirmCount })}</p>
            <CsrfField token={csrfToken} />
            <input type="hidden" name="confirm" value="yes" />
            <button type="submit" name="intent" value="publish" className="button">
              {t("editions.publication.confirm")}
            </button>
          </Form>
        ) : (
          <Form method="post">
            <CsrfField token={csrfToken} />
            <button type="submit" name="intent" value={edition.published ? "unpublish" : "publish"} className={edition.published ? "button button--secondary" : "button"}>
              {t(edition.published ? "editions.publication.unpublish" : "editions.publication.publish")}
            </button>
          </Form>
        )}
      </section>

      <section aria-labelledby="translations">
        <h2 id="translations">{t("editions.translations.title")}</h2>
        <p>{t("editions.translations.count", { count: missing.length })}</p>
        {missing.length > 0 && (
          <ul>
            {missing.map((item, index) => (
              <li key={index}>
                <Link to={item.href}>
                  {t("editions.translations.item", {
                    where: t(`editions.translations.place.${item.place.form}`, {
                      id: "id" in item.place ? item.place.id : "",
                      field: t(placeFieldLabel(item.place)),
                    }),
                    language: languageName(item.missing),
                    text: item.text.length > 60 ? `${item.text.slice(0, 60)}…` : item.text,
                  })}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>

      <Form method="post" className="registration-form" noValidate>
        <CsrfField token={csrfToken} />
        <h2>{t("editions.edit.texts")}</h2>
        <p className="hint">{t("editions.edit.intro")}</p>
        {localisedFields.map((field) => (
          <fieldset key={field} className="bilingual">
            <legend>{t(fieldLabels[field])}</legend>
            <BilingualFields
              missing={missingLanguage(edition[field])}
              max={maxLengths[field]}
              multiline={field === "summary" || field === "honour_text"}
              sides={{
                fr: side(field, "fr"),
                en: side(field, "en"),
              }}
            />
          </fieldset>
        ))}

        <fieldset>
          <legend>{t("editions.edit.other")}</legend>
          {otherFields.map((name) => {
            const message = editionErrors[name] ? t(editionErrors[name]) : undefined;
            return (
              <div key={name} className={fieldClass(message)}>
                <label htmlFor={name}>{t(`editions.edit.field.${name}`)}</label>
                <FieldError id={name} message={message} />
                <input id={name} name={name} type="text" defaultValue={shown(name, edition[name] ?? "")} {...controlProps(name, message)} />
              </div>
            );
          })}
        </fieldset>

        <fieldset>
          <legend>{t("editions.edit.days")}</legend>
          <p className="hint" id="days-hint">
            {t("editions.edit.daysHelp")}
          </p>
          {days.map((day, index) => {
            const id = `day-${index}`;
            const message = editionErrors[id] ? t(editionErrors[id]) : undefined;
            return (
              <div key={index} className={fieldClass(message)}>
                <label htmlFor={id}>{t("editions.edit.day", { number: index + 1 })}</label>
                <FieldError id={id} message={message} />
                <input id={id} name="day" type="date" defaultValue={day} {...controlProps(id, message, "days-hint")} />
              </div>
            );
          })}
        </fieldset>
        <button type="submit" name="intent" value="save" className="button">
          {t("editions.edit.save")}
        </button>
      </Form>

      {mayCopy && (
        <Form method="post" className="registration-form" noValidate>
          <CsrfField token={csrfToken} />
          <SubmissionField value={copyKey} />
          <h2>{t("editions.copy.title")}</h2>
          <p className="hint">{t("editions.copy.intro")}</p>
          {(
            [
              ["copy_year", "year", "editions.copy.year", "number", String(edition.year + 1)],
              ["copy_number", "number", "editions.copy.number", "number", String(edition.number + 1)],
              ["copy_first_day", "first_day", "editions.copy.firstDay", "date", ""],
            ] as const
          ).map(([id, name, label, type, initial]) => {
            const message = copyErrors[id] ? t(copyErrors[id]) : undefined;
            const value = kept.form === "copy" ? kept.values?.[name] : undefined;
            return (
              <div key={id} className={fieldClass(message)}>
                <label htmlFor={id}>{t(label)}</label>
                <FieldError id={id} message={message} />
                <input id={id} name={name} type={type} defaultValue={typeof value === "string" ? value : initial} required {...controlProps(id, message)} />
              </div>
            );
          })}
          <button type="submit" name="intent" value="copy" className="button">
            {t("editions.copy.submit")}
          </button>
        </Form>
      )}
    </>
  );
}

export const meta: Route.MetaFunction = ({ data: page }) =>
  page ? [{ title: translate(page.language, "editions.edit.title", { year: page.edition.year }) }] : [];
