import { data, Form } from "react-router";
import type { Route } from "./+types/back-office-questions";
import { verifyCsrf } from "~/features/accounts/auth.server";
import { CsrfField } from "~/features/accounts/csrf-field";
import { consentKinds, questionKinds } from "~/db/schema";
import { BackOfficeNav } from "~/features/organisers/components/back-office-nav";
import { requireBackOffice } from "~/features/organisers/organisers.server";
import {
  formState,
  LocalisedFields,
  localisedLabels,
  refusedForm,
  SettingsErrorSummary,
  type RefusedForm,
} from "~/features/settings/components/settings-form";
import { parseConsentTexts, parseQuestion, settingsLimits } from "~/features/settings/fields";
import {
  addQuestion,
  editionConsentTexts,
  editionQuestions,
  moveQuestion,
  removeQuestion,
  updateConsentTexts,
  updateQuestion,
  type EditionQuestion,
} from "~/features/settings/questions.server";
import { doneNotice, doneRedirect, parseDirection, personalHeaders, refuse } from "~/features/settings/route-parts.server";
import { missingLanguage } from "~/features/editions/translations";
import type { Language } from "~/i18n/languages";
import { BilingualFields, type BilingualSide } from "~/lib/bilingual-fields";
import { translate, type MessageKey } from "~/i18n/translate";
import { actionError, ErrorNotice } from "~/lib/error-notice";
import { AppError } from "~/lib/errors";
import { FieldError, fieldClass, FormPageTitle } from "~/lib/form-errors";
import { handleActionErrors, handleErrors, parseId, parseYear, routeLanguage } from "~/lib/http.server";
import { newSubmissionKey, submissionKey } from "~/lib/once.server";
import { SubmissionField } from "~/lib/once-field";
import { localisedString } from "~/lib/localised";
import { useLanguage, useTranslate } from "~/lib/use-language";

const notices = ["added", "saved", "removed", "moved"] as const;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  return handleErrors(async () => {
    const language = routeLanguage(request);
    const { access, person, edition } = await requireBackOffice(request, context, parseYear(params.year), "content");
    const [questions, consentTexts] = await Promise.all([editionQuestions(context.db, access), editionConsentTexts(context.db, access)]);
    return data(
      {
        language,
        year: edition.year,
        csrfToken: person.csrfToken,
        permissions: [...access.permissions],
        questions,
        consentTexts,
        submissionKey: newSubmissionKey(),
        done: doneNotice(request, notices),
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
    const now = context.now();
    const intent = form.get("intent");
    if (intent === "consents") {
      const { values, errors } = parseConsentTexts(form);
      if (Object.keys(errors).length > 0) return data({ refused: refuse("consents", form, errors).refused }, { status: 422 });
      await updateConsentTexts(context.db, access, { texts: values, now });
      await context.contentChanged();
      return doneRedirect(request, "saved", "consents");
    }
    if (intent === "add" || intent === "edit") {
      const id = intent === "edit" ? parseId(String(form.get("question") ?? "")) : null;
      const target = id === null ? "new" : `question-${id}`;
      const { values, errors } = parseQuestion(form);
      const { refused } = refuse(target, form, errors);
      if (Object.keys(errors).length > 0) return data({ refused }, { status: 422 });
      keep({ refused: { ...refused, errors: {} } });
      if (id === null) {
        const added = await addQuestion(context.db, access, { input: values, submissionKey: submissionKey(form), now });
        await context.contentChanged();
        return doneRedirect(request, "added", `question-${added.id}`);
      }
      await updateQuestion(context.db, access, { id, input: values, now });
      await context.contentChanged();
      return doneRedirect(request, "saved", target);
    }
    const id = parseId(String(form.get("question") ?? ""));
    switch (intent) {
      case "remove":
        await removeQuestion(context.db, access, { id, now });
        await context.contentChanged();
        return doneRedirect(request, "removed");
      case "move":
        await moveQuestion(context.db, access, { id, direction: parseDirection(form.get("direction")), now });
        await context.contentChanged();
        return doneRedirect(request, "moved", `question-${id}`);
      default:
        throw new AppError("unknown_intent");
    }
  });
}

export const headers: Route.HeadersFunction = () => personalHeaders;

export const meta: Route.MetaFunction = ({ data: page }) =>
  page ? [{ title: translate(page.language, "settings.questions.title", { year: page.year }) }] : [];

const doneKeys = {
  added: "settings.questions.added",
  saved: "settings.saved",
  removed: "settings.questions.removed",
  moved: "settings.questions.moved",
} as const;

function useLanguageName() {
  const t = useTranslate();
  return (language: Language) => t(language === "fr" ? "settings.languageFr" : "settings.languageEn");
}

function QuestionFields({ form, question, state }: { form: string; question: EditionQuestion | null; state: RefusedForm | undefined }) {
  const t = useTranslate();
  const languageName = useLanguageName();
  const typed = (name: string) => state?.values[name];
  const kind = state ? String(typed("kind") ?? "") : (question?.kind ?? "text");
  const kindError = state?.errors.kind;
  const checked = (name: string, fallback: boolean) => (state ? typed(name) === "yes" : fallback);
  const optionLines = (language: Language) => (question?.options ?? []).map((option) => option.label[language]).join("\n");
  const optionsSide = (language: Language): BilingualSide => {
    const name = `options_${language}`;
    const error = state?.errors[name];
    return {
      id: `${form}-${name}`,
      name,
      label: t("settings.questions.options", { language: languageName(language) }),
      value: state ? String(typed(name) ?? "") : optionLines(language),
      error: error ? t(error as MessageKey) : undefined,
    };
  };
  return (
    <>
      <LocalisedFields
        form={form}
        name="label"
        label={(language) => t("settings.questions.label", { language: languageName(language) })}
        max={settingsLimits.questionLabel}
        required
        defaultValue={question?.label ?? null}
        state={state}
      />
      <LocalisedFields
        form={form}
        name="help"
        label={(language) => t("settings.questions.help", { language: languageName(language) })}
        max={settingsLimits.questionHelp}
        multiline
        defaultValue={question?.help ?? null}
        state={state}
      />
      <div className={fieldClass(kindError)}>
        <label htmlFor={`${form}-kind`}>{t("settings.questions.kind")}</label>
        <select id={`${form}-kind`} name="kind" defaultValue={kind}>
          {questionKinds.map((option) => (
            <option key={option} value={option}>
              {t(`settings.questions.kind.${option}`)}
            </option>
          ))}
        </select>
        <FieldError id={`${form}-kind`} message={kindError ? t(kindError as MessageKey) : undefined} />
      </div>
      <BilingualFields
        sides={{ fr: optionsSide("fr"), en: optionsSide("en") }}
        missing={question?.options.map((option) => missingLanguage(option.label)).find(Boolean)}
        hint={t("settings.questions.optionsHelp")}
        max={settingsLimits.options * (settingsLimits.option + 1)}
        multiline
        rows={4}
      />
      <ul className="choices">
        <li>
          <label>
            <input type="checkbox" name="required" value="yes" defaultChecked={checked("required", question?.required ?? false)} />{" "}
            {t("settings.questions.required")}
          </label>
        </li>
        <li>
          <label>
            <input type="checkbox" name="health_data" value="yes" defaultChecked={checked("health_data", question?.health_data ?? false)} />{" "}
            {t("settings.questions.healthData")}
          </label>
        </li>
      </ul>
    </>
  );
}

export default function BackOfficeQuestions({ loaderData, actionData }: Route.ComponentProps) {
  const { year, csrfToken, permissions, questions, consentTexts, submissionKey: key, done } = loaderData;
  const language = useLanguage();
  const t = useTranslate();
  const languageName = useLanguageName();
  const refused = refusedForm(actionData);
  const consentLabel = (kind: (typeof consentKinds)[number], other: Language) =>
    t("settings.consents.text", { kind: t(`settings.consents.kind.${kind}`), language: languageName(other) });
  const labels = {
    ...localisedLabels({
      label: (other) => t("settings.questions.label", { language: languageName(other) }),
      help: (other) => t("settings.questions.help", { language: languageName(other) }),
      options: (other) => t("settings.questions.options", { language: languageName(other) }),
      ...Object.fromEntries(consentKinds.map((kind) => [`consent_${kind}`, (other: Language) => consentLabel(kind, other)])),
    }),
    kind: t("settings.questions.kind"),
  };
  const title = t("settings.questions.title", { year });
  const shownRefusal = refused && Object.keys(refused.errors).length > 0 ? refused : undefined;
  return (
    <>
      <FormPageTitle title={title} refused={Boolean(shownRefusal) || Boolean(actionError(actionData))} />
      <BackOfficeNav year={year} permissions={permissions} current="questions" />
      <h1>{title}</h1>
      <SettingsErrorSummary state={shownRefusal} labels={labels} />
      <ErrorNotice error={actionError(actionData)} />
      {done && !actionData && (
        <p className="notice notice--open" role="status">
          {t(doneKeys[done])}
        </p>
      )}
      <p>{t("settings.questions.intro")}</p>
      {questions.length === 0 && <p>{t("settings.questions.none")}</p>}
      <ol className="settings-list">
        {questions.map((question, index) => {
          const form = `question-${question.id}`;
          const name = localisedString(question.label, language);
          return (
            <li key={question.id} id={form} className="card">
              <h2>{name}</h2>
              <p className="meta">
                {t(`settings.questions.kind.${question.kind}`)} —{" "}
                {t("settings.questions.flags", { required: question.required ? "yes" : "no", health: question.health_data ? "yes" : "no" })} —{" "}
                {t("settings.questions.answers", { count: question.answers })}
              </p>
              <Form method="post" className="registration-form">
                <CsrfField token={csrfToken} />
                <input type="hidden" name="question" value={question.id} />
                <QuestionFields form={form} question={question} state={formState(refused, form)} />
                <button type="submit" name="intent" value="edit" className="button">
                  {t("settings.save")}
                  <span className="visually-hidden"> – {name}</span>
                </button>
              </Form>
              <Form method="post" className="inline-form">
                <CsrfField token={csrfToken} />
                <input type="hidden" name="question" value={question.id} />
                <input type="hidden" name="intent" value="move" />
                {index > 0 && (
                  <button type="submit" name="direction" value="up" className="button button--secondary">
                    {t("settings.moveUp")}
                    <span className="visually-hidden"> – {name}</span>
                  </button>
                )}{" "}
                {index < questions.length - 1 && (
                  <button type="submit" name="direction" value="down" className="button button--secondary">
                    {t("settings.moveDown")}
                    <span className="visually-hidden"> – {name}</span>
                  </button>
                )}
              </Form>{" "}
              <Form method="post" className="inline-form">
                <CsrfField token={csrfToken} />
                <input type="hidden" name="question" value={question.id} />
                <button type="submit" name="intent" value="remove" className="button button--secondary">
                  {t("settings.questions.remove")}
                  <span className="visually-hidden"> – {name}</span>
                </button>
              </Form>
            </li>
          );
        })}
      </ol>
      <section aria-labelledby="new-question">
        <h2 id="new-question">{t("settings.questions.add")}</h2>
        <Form method="post" className="registration-form">
          <CsrfField token={csrfToken} />
          <SubmissionField value={key} />
          <QuestionFields form="new" question={null} state={formState(refused, "new")} />
          <button type="submit" name="intent" value="add" className="button">
            {t("settings.questions.add")}
          </button>
        </Form>
      </section>
      <section aria-labelledby="consents-title" id="consents">
        <h2 id="consents-title">{t("settings.consents.title")}</h2>
        <p>{t("settings.consents.intro")}</p>
        <Form method="post" className="registration-form">
          <CsrfField token={csrfToken} />
          {consentKinds.map((kind) => (
            <fieldset key={kind}>
              <legend>{t(`settings.consents.kind.${kind}`)}</legend>
              <LocalisedFields
                form="consents"
                name={`consent_${kind}`}
                label={(other) => consentLabel(kind, other)}
                max={settingsLimits.consent}
                multiline
                required
                defaultValue={consentTexts[kind]}
                state={formState(refused, "consents")}
              />
            </fieldset>
          ))}
          <button type="submit" name="intent" value="consents" className="button">
            {t("settings.save")}
          </button>
        </Form>
      </section>
    </>
  );
}
