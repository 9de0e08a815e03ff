import type { ReactNode } from "react";
import type { Language } from "~/i18n/languages";
import type { MessageKey } from "~/i18n/translate";
import { controlProps, ErrorSummary, FieldError, fieldClass, MaxLengthHint, type FormProblem } from "~/lib/form-errors";
import { useTranslate } from "~/lib/use-language";

/** What a settings action answers when a form is refused on its fields: shown again, as typed. */
export interface RefusedForm {
  /** Which form of the page was refused (a section's id, "new"…). */
  target: string;
  errors: Record<string, string>;
  values: Record<string, string | string[]>;
}

export function refusedForm(actionData: unknown): RefusedForm | undefined {
  return actionData && typeof actionData === "object" && "refused" in actionData ? (actionData.refused as RefusedForm) : undefined;
}

/** The refused values and errors for the form `target`, if it is the one refused. */
export function formState(refused: RefusedForm | undefined, target: string): RefusedForm | undefined {
  return refused?.target === target ? refused : undefined;
}

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? (value[0] ?? "") : (value ?? ""));

/** The summary of a refused form, its links leading to each field (ids prefixed by the form). */
export function SettingsErrorSummary({ state, labels }: { state: RefusedForm | undefined; labels: Record<string, string> }) {
  const t = useTranslate();
  if (!state) return null;
  const problems: FormProblem[] = Object.entries(state.errors).map(([field, message]) => ({
    id: `${state.target}-${field}`,
    label: labels[field] ?? field,
    message: t(message as MessageKey),
  }));
  return <ErrorSummary problems={problems} />;
}

/** One text field (a line or several), with its label, limit, hint and error. */
export function TextField(props: {
  form: string;
  name: string;
  label: string;
  max: number;
  multiline?: boolean;
  rows?: number;
  required?: boolean;
  defaultValue: string;
  state: RefusedForm | undefined;
  hint?: ReactNode;
  lang?: Language;
}) {
  const t = useTranslate();
  const id = `${props.form}-${props.name}`;
  const error = props.state?.errors[props.name];
  const value = props.state ? one(props.state.values[props.name]) : props.defaultValue;
  const hintId = props.hint ? `${id}-hint` : undefined;
  const control = {
    id,
    name: props.name,
    defaultValue: value,
    maxLength: props.max,
    required: props.required,
    lang: props.lang,
    ...controlProps(id, error ? t(error as MessageKey) : undefined, [hintId, `${id}-limit`].filter(Boolean).join(" ")),
  };
  return (
    <div className={fieldClass(error)}>
      <label htmlFor={id}>{props.label}</label>
      {props.hint && (
        <p className="hint" id={hintId}>
          {props.hint}
        </p>
      )}
      <MaxLengthHint id={id} max={props.max} />
      {props.multiline ? <textarea rows={props.rows ?? 5} {...control} /> : <input type="text" {...control} />}
      <FieldError id={id} message={error ? t(error as MessageKey) : undefined} />
    </div>
  );
}

/** The French and English versions of one text, side by side in the form. */
export function LocalisedFields(props: {
  form: string;
  name: string;
  label: (language: Language) => string;
  max: number;
  multiline?: boolean;
  required?: boolean;
  defaultValue: { fr: string; en: string } | null;
  state: RefusedForm | undefined;
}) {
  return (
    <>
      {(["fr", "en"] as const).map((language) => (
        <TextField
          key={language}
          form={props.form}
          name={`${props.name}_${language}`}
          label={props.label(language)}
          max={props.max}
          multiline={props.multiline}
          required={props.required}
          defaultValue={props.defaultValue?.[language] ?? ""}
          state={props.state}
          lang={language}
        />
      ))}
    </>
  );
}

/** Labels of a form's fields for its error summary: `<name>_fr` and `<name>_en` for each localised one. */
export function localisedLabels(names: Record<string, (language: Language) => string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(names).flatMap(([name, label]) => (["fr", "en"] as const).map((language) => [`${name}_${language}`, label(language)])),
  );
}
