import type { Language } from "~/i18n/languages";
import type { MessageKey } from "~/i18n/translate";
import { ErrorSummary, type FormProblem } from "~/lib/form-errors";
import { missingLanguage } from "~/features/editions/translations";
import { BilingualFields, type BilingualSide } from "~/lib/bilingual-fields";
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

/** The French and English versions of one text, side by side in the form, a missing side of `defaultValue` marked. */
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
  const t = useTranslate();
  const side = (language: Language): BilingualSide => {
    const field = `${props.name}_${language}`;
    const error = props.state?.errors[field];
    return {
      id: `${props.form}-${field}`,
      name: field,
      label: props.label(language),
      value: props.state ? one(props.state.values[field]) : (props.defaultValue?.[language] ?? ""),
      error: error ? t(error as MessageKey) : undefined,
    };
  };
  return (
    <BilingualFields sides={{ fr: side("fr"), en: side("en") }} missing={missingLanguage(props.defaultValue)} max={props.max} multiline={props.multiline} required={props.required} />
  );
}

/** Labels of a form's fields for its error summary: `<name>_fr` and `<name>_en` for each localised one. */
export function localisedLabels(names: Record<string, (language: Language) => string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(names).flatMap(([name, label]) => (["fr", "en"] as const).map((language) => [`${name}_${language}`, label(language)])),
  );
}
