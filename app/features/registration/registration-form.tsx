import type { ReactNode } from "react";
import { consentKinds, organisationTypes, participantCategories, type QuestionOption } from "~/db/schema";
import { CsrfField } from "~/features/accounts/csrf-field";
import { locales, type Language } from "~/i18n/languages";
import type { MessageKey, Translate } from "~/i18n/translate";
import { countryName, formatDay } from "~/lib/format";
import { Localised, localisedString, localisedText } from "~/lib/localised";
import { controlProps, describedBy, errorId, ErrorSummary, FieldError, fieldClass, MaxLengthHint, type FormProblem } from "~/lib/form-errors";
import { useLanguage, useTranslate } from "~/lib/use-language";
import { countryCodes, maxLengths, spokenLanguages } from "./form";

export interface FormQuestion {
  id: number;
  kind: "text" | "choice" | "multiple" | "yes_no";
  label: { fr: string; en: string };
  help: { fr: string; en: string } | null;
  options: QuestionOption[];
  required: boolean;
  health_data: boolean;
}

/** What the form shows: values typed (or stored) and errors (catalogue keys) by field name. */
export interface FormState {
  values: Record<string, string | string[]>;
  errors: Record<string, string>;
}

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? (value[0] ?? "") : (value ?? ""));
const many = (value: string | string[] | undefined) => (Array.isArray(value) ? value : value ? [value] : []);

function ErrorText({ id, error }: { id: string; error?: string }) {
  const t = useTranslate();
  return <FieldError id={id} message={error && t(error as MessageKey)} />;
}

/** The problems of a form's state, in the order of its fields, for its error summary. */
export function formProblems(state: FormState, labels: [name: string, label: string][], t: Translate): FormProblem[] {
  return labels.flatMap(([name, label]) => {
    const error = state.errors[name];
    return error ? [{ id: name, label, message: t(error as MessageKey) }] : [];
  });
}

export function Field(props: {
  name: string;
  label: string;
  required?: boolean;
  state: FormState;
  type?: string;
  autoComplete?: string;
  /** The longest value accepted, said beside the field and enforced by the browser. */
  maxLength?: number;
}) {
  const t = useTranslate();
  const error = props.state.errors[props.name];
  return (
    <div className={fieldClass(error)}>
      <label htmlFor={props.name}>
        {props.label}
        {props.required && <span className="required"> ({t("registration.form.required")})</span>}
      </label>
      {props.maxLength !== undefined && <MaxLengthHint id={props.name} max={props.maxLength} />}
      <input
        id={props.name}
        name={props.name}
        type={props.type ?? "text"}
        defaultValue={one(props.state.values[props.name])}
        required={props.required}
        autoComplete={props.autoComplete}
        maxLength={props.maxLength}
        {...controlProps(props.name, error, props.maxLength !== undefined ? `${props.name}-limit` : undefined)}
      />
      <ErrorText id={props.name} error={error} />
    </div>
  );
}

function Select(props: {
  name: string;
  label: string;
  state: FormState;
  options: { value: string; label: string }[];
  autoComplete?: string;
  hint?: string;
}) {
  const t = useTranslate();
  const error = props.state.errors[props.name];
  return (
    <div className={fieldClass(error)}>
      <label htmlFor={props.name}>
        {props.label}
        <span className="required"> ({t("registration.form.required")})</span>
      </label>
      {props.hint && (
        <p className="hint" id={`${props.name}-help`}>
          {props.hint}
        </p>
      )}
      <select
        id={props.name}
        name={props.name}
        defaultValue={one(props.state.values[props.name])}
        required
        autoComplete={props.autoComplete}
        {...controlProps(props.name, error, props.hint ? `${props.name}-help` : undefined)}
      >
        <option value="">{t("registration.form.choose")}</option>
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <ErrorText id={props.name} error={error} />
    </div>
  );
}

function Choices(props: {
  name: string;
  legend: ReactNode;
  help?: ReactNode;
  required?: boolean;
  multiple: boolean;
  state: FormState;
  options: { value: string; label: string; lang?: string }[];
}) {
  const t = useTranslate();
  const error = props.state.errors[props.name];
  const chosen = many(props.state.values[props.name]);
  return (
    // The first option carries the field's id: the error summary's link leads to it.
    <fieldset className={fieldClass(error)} aria-describedby={describedBy(props.help ? `${props.name}-help` : undefined, error && errorId(props.name))}>
      <legend>
        {props.legend}
        {props.required && <span className="required"> ({t("registration.form.required")})</span>}
      </legend>
      {props.help && (
        <p className="hint" id={`${props.name}-help`}>
          {props.help}
        </p>
      )}
      <ul className="choices">
        {props.options.map((option, index) => (
          <li key={option.value}>
            <label lang={option.lang}>
              <input
                id={index === 0 ? props.name : undefined}
                aria-invalid={error ? true : undefined}
                type={props.multiple ? "checkbox" : "radio"}
                name={props.name}
                value={option.value}
                defaultChecked={chosen.includes(option.value)}
              />{" "}
              {option.label}
            </label>
          </li>
        ))}
      </ul>
      <ErrorText id={props.name} error={error} />
    </fieldset>
  );
}

function Question({ question, state }: { question: FormQuestion; state: FormState }) {
  const language = useLanguage();
  const t = useTranslate();
  const name = `q${question.id}`;
  const label = <Localised value={question.label} />;
  const help = question.help && <Localised value={question.help} />;
  if (question.kind === "text") {
    const error = state.errors[name];
    return (
      <div className={fieldClass(error)}>
        <label htmlFor={name}>
          {label}
          {question.required && <span className="required"> ({t("registration.form.required")})</span>}
        </label>
        {help && (
          <p className="hint" id={`${name}-help`}>
            {help}
          </p>
        )}
        <MaxLengthHint id={name} max={maxLengths.answer} />
        <textarea
          id={name}
          name={name}
          rows={3}
          maxLength={maxLengths.answer}
          defaultValue={one(state.values[name])}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(help ? `${name}-help` : undefined, `${name}-limit`, error && errorId(name))}
        />
        <ErrorText id={name} error={error} />
      </div>
    );
  }
  const options =
    question.kind === "yes_no"
      ? [
          { value: "yes", label: t("registration.form.yes") },
          { value: "no", label: t("registration.form.no") },
        ]
      : question.options.map((option) => {
          const { text, lang } = localisedText(option.label, language);
          return { value: option.value, label: text, lang: lang === language ? undefined : lang };
        });
  return (
    <Choices
      name={name}
      legend={label}
      help={help}
      required={question.required}
      multiple={question.kind === "multiple"}
      state={state}
      options={options}
    />
  );
}

function sortedCountries(language: Language) {
  const collator = new Intl.Collator(locales[language]);
  return countryCodes
    .map((code) => ({ value: code, label: countryName(code, language) }))
    .sort((a, b) => collator.compare(a.label, b.label));
}

/** The registration form of an edition, for oneself, a colleague, or to change a registration. */
export function RegistrationForm(props: {
  csrfToken: string;
  questions: FormQuestion[];
  state: FormState;
  /** The sign-in address, when the form is the person's own (it is not editable). */
  fixedEmail?: string;
  /** A colleague's registration takes the organisation of the lead's. */
  withOrganisation: boolean;
  /** Categories whose registrations wait for the organisers' approval, said beside each. */
  categoriesRequiringApproval: readonly string[];
  /** The edition's consent texts in the page's language: exactly what is recorded with each decision. */
  consentTexts: Record<(typeof consentKinds)[number], string>;
  submitLabel: string;
  /** The edition's days (ISO dates), asked for when there are several. */
  days: readonly string[];
  children?: ReactNode;
}) {
  const language = useLanguage();
  const t = useTranslate();
  const languageNames = new Intl.DisplayNames([locales[language]], { type: "language" });
  const general = props.questions.filter((question) => !question.health_data);
  const health = props.questions.filter((question) => question.health_data);
  const labels: [string, string][] = [
    ["given_name", t("registration.form.given_name")],
    ["family_name", t("registration.form.family_name")],
    ["job_title", t("registration.form.job_title")],
    ["email", t("registration.form.email")],
    ["phone", t("registration.form.phone")],
    ["languages", t("registration.form.languages")],
    ["category", t("registration.form.category")],
    ["organisation_type", t("registration.form.organisation_type")],
    ["organisation_name", t("registration.form.organisation_name")],
    ["city", t("registration.form.city")],
    ["country_code", t("registration.form.country_code")],
    ["days", t("registration.form.days")],
    ...[...general, ...health].map((question): [string, string] => [`q${question.id}`, localisedString(question.label, language)]),
  ];
  const consent = (kind: (typeof consentKinds)[number]) => (
    <li key={kind}>
      <label>
        <input
          type="checkbox"
          id={`consent_${kind}`}
          name={`consent_${kind}`}
          value="yes"
          defaultChecked={one(props.state.values[`consent_${kind}`]) === "yes"}
        />{" "}
        {props.consentTexts[kind]}
      </label>
    </li>
  );
  return (
    <form method="post" noValidate className="registration-form">
      <CsrfField token={props.csrfToken} />
      <ErrorSummary problems={formProblems(props.state, labels, t)} />
      {props.children}
      <fieldset>
        <legend>{t("registration.form.person")}</legend>
        <Field
          name="given_name"
          label={t("registration.form.given_name")}
          required
          state={props.state}
          autoComplete="given-name"
          maxLength={maxLengths.given_name}
        />
        <Field
          name="family_name"
          label={t("registration.form.family_name")}
          required
          state={props.state}
          autoComplete="family-name"
          maxLength={maxLengths.family_name}
        />
        <Field
          name="job_title"
          label={t("registration.form.job_title")}
          state={props.state}
          autoComplete="organization-title"
          maxLength={maxLengths.job_title}
        />
        {props.fixedEmail ? (
          <p>
            {t("registration.form.emailFixed", { email: props.fixedEmail })}
            <input type="hidden" name="email" value={props.fixedEmail} />
          </p>
        ) : (
          <Field name="email" label={t("registration.form.email")} required type="email" state={props.state} autoComplete="off" />
        )}
        <Field name="phone" label={t("registration.form.phone")} type="tel" state={props.state} autoComplete="tel" maxLength={maxLengths.phone} />
        <Choices
          name="languages"
          legend={t("registration.form.languages")}
          multiple
          state={props.state}
          options={spokenLanguages.map((code) => ({ value: code, label: languageNames.of(code) ?? code }))}
        />
        <Select
          name="category"
          label={t("registration.form.category")}
          state={props.state}
          hint={props.categoriesRequiringApproval.length > 0 ? t("registration.form.categoryHint") : undefined}
          options={participantCategories.map((category) => ({
            value: category,
            label: props.categoriesRequiringApproval.includes(category)
              ? `${t(`registration.category.${category}`)} (${t("registration.form.needsApproval")})`
              : t(`registration.category.${category}`),
          }))}
        />
      </fieldset>
      {props.withOrganisation && (
        <fieldset>
          <legend>{t("registration.form.organisation")}</legend>
          <Select
            name="organisation_type"
            label={t("registration.form.organisation_type")}
            state={props.state}
            options={organisationTypes.map((type) => ({ value: type, label: t(`registration.organisation.${type}`) }))}
          />
          <Field
            name="organisation_name"
            label={t("registration.form.organisation_name")}
            required
            state={props.state}
            autoComplete="organization"
            maxLength={maxLengths.organisation_name}
          />
          <Field name="city" label={t("registration.form.city")} state={props.state} autoComplete="address-level2" maxLength={maxLengths.city} />
          <Select
            name="country_code"
            label={t("registration.form.country_code")}
            state={props.state}
            options={sortedCountries(language)}
            autoComplete="country"
          />
        </fieldset>
      )}
      {props.days.length > 1 && (
        <>
          <input type="hidden" name="days_offered" value="1" />
          <Choices
            name="days"
            legend={t("registration.form.days")}
            required
            multiple
            // A new form has every day ticked: most people come to the whole event.
            state={props.state.values.days === undefined ? { ...props.state, values: { ...props.state.values, days: [...props.days] } } : props.state}
            options={props.days.map((day) => ({ value: day, label: formatDay(day, language) }))}
          />
        </>
      )}
      {general.length > 0 && (
        <fieldset>
          <legend>{t("registration.form.questions")}</legend>
          {general.map((question) => (
            <Question key={question.id} question={question} state={props.state} />
          ))}
        </fieldset>
      )}
      {/* Health questions sit with their consent: an answer needs the box ticked right below it. */}
      {health.length > 0 && (
        <fieldset>
          <legend>{t("registration.form.healthQuestions")}</legend>
          <p className="hint">{t("registration.form.healthQuestionsHelp")}</p>
          {health.map((question) => (
            <Question key={question.id} question={question} state={props.state} />
          ))}
          <ul className="choices">{consent("health_data")}</ul>
        </fieldset>
      )}
      <fieldset>
        <legend>{t("registration.form.consents")}</legend>
        <p className="hint">{t("registration.form.consentsHelp")}</p>
        <ul className="choices">{consentKinds.filter((kind) => kind !== "health_data").map(consent)}</ul>
      </fieldset>
      <button type="submit" className="button">
        {props.submitLabel}
      </button>
    </form>
  );
}
