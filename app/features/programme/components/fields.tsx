import type { ReactNode } from "react";
import type { Localised } from "~/db/schema";
import type { Language } from "~/i18n/languages";
import { missingLanguage } from "~/features/editions/translations";
import { BilingualFields, type BilingualSide } from "~/lib/bilingual-fields";
import { controlProps, ErrorSummary, FieldError, fieldClass, MaxLengthHint, type FormProblem } from "~/lib/form-errors";
import type { MessageKey } from "~/i18n/translate";
import { useTranslate } from "~/lib/use-language";
import type { FieldProblems } from "../programme-forms";

// Fields of the programme editor's forms, each with its label, its limit said before it is
// reached and its error marked beside it. `prefix` keeps ids apart when a page has several forms.

export interface FormState {
  problems: FieldProblems;
  values: Record<string, string>;
}

/** The problems of a refused form, in the order of `fields` (name → label key), for the summary. */
export function useProblems(state: FormState | undefined, fields: [string, string][], prefix = ""): FormProblem[] {
  const t = useTranslate();
  if (!state) return [];
  return fields
    .filter(([name]) => state.problems[name])
    .map(([name, label]) => ({ id: prefix + name, label, message: t(state.problems[name] as MessageKey) }));
}

export function Summary({ problems }: { problems: FormProblem[] }) {
  return <ErrorSummary problems={problems} />;
}

interface TextProps {
  name: string;
  label: string;
  defaultValue: string;
  state?: FormState;
  max: number;
  multiline?: boolean;
  required?: boolean;
  prefix?: string;
  hint?: ReactNode;
}

export function TextField({ name, label, defaultValue, state, max, multiline, required, prefix = "", hint }: TextProps) {
  const t = useTranslate();
  const id = prefix + name;
  const error = state?.problems[name] ? t(state.problems[name]) : undefined;
  const value = state ? (state.values[name] ?? "") : defaultValue;
  const props = {
    id,
    name,
    defaultValue: value,
    maxLength: max,
    required,
    ...controlProps(id, error, `${id}-limit`),
  };
  return (
    <div className={fieldClass(error)}>
      <label htmlFor={id}>{label}</label>
      {hint}
      <MaxLengthHint id={id} max={max} />
      <FieldError id={id} message={error} />
      {multiline ? <textarea rows={5} {...props} /> : <input type="text" {...props} />}
    </div>
  );
}

/** A text in both languages: two fields, French then English, a missing side of `defaultValue` marked. */
export function LocalisedFields({
  name,
  label,
  defaultValue,
  state,
  max,
  multiline,
  required,
  prefix = "",
}: Omit<TextProps, "name" | "defaultValue" | "label" | "hint"> & { name: string; label: string; defaultValue: Localised | null }) {
  const t = useTranslate();
  const side = (language: Language): BilingualSide => {
    const field = `${name}_${language}`;
    const error = state?.problems[field];
    return {
      id: prefix + field,
      name: field,
      label: t(language === "fr" ? "programme.field.inFrench" : "programme.field.inEnglish", { label }),
      value: state ? (state.values[field] ?? "") : (defaultValue?.[language] ?? ""),
      error: error ? t(error) : undefined,
    };
  };
  return <BilingualFields sides={{ fr: side("fr"), en: side("en") }} missing={missingLanguage(defaultValue)} max={max} multiline={multiline} required={required} />;
}

export function NumberField({ name, label, defaultValue, state, prefix = "" }: { name: string; label: string; defaultValue: number | null; state?: FormState; prefix?: string }) {
  const t = useTranslate();
  const id = prefix + name;
  const error = state?.problems[name] ? t(state.problems[name]) : undefined;
  const value = state ? (state.values[name] ?? "") : defaultValue === null ? "" : String(defaultValue);
  return (
    <div className={fieldClass(error)}>
      <label htmlFor={id}>{label}</label>
      <FieldError id={id} message={error} />
      <input type="number" min={1} step={1} inputMode="numeric" id={id} name={name} defaultValue={value} {...controlProps(id, error)} />
    </div>
  );
}

