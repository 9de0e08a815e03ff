import type { Language } from "~/i18n/languages";
import { missingLanguage } from "~/features/editions/translations";
import { BilingualFields, type BilingualSide } from "~/lib/bilingual-fields";
import type { MessageKey } from "~/i18n/translate";
import { useTranslate } from "~/lib/use-language";
import type { PartnerFieldErrors } from "../partners";

/** What a refused form of the editor answered: which form, its field errors, its values to show again. */
export interface RefusedForm {
  formId: string;
  fieldErrors: PartnerFieldErrors;
  values: Record<string, string>;
}

/** The id of a field of one of the editor's forms (several forms of a page have the same fields). */
export const fieldId = (formId: string, name: string) => `${formId}-${name}`;

/**
 * A text in both languages: two fields, `<name>_fr` and `<name>_en`, their limit said before them.
 * `refused` (the form's answer, when this form was refused) marks the fields in error.
 */
export function LocalisedFields({
  formId,
  name,
  label,
  max,
  multiline = false,
  required = false,
  initial,
  refused,
}: {
  formId: string;
  name: string;
  label: MessageKey;
  max: number;
  multiline?: boolean;
  required?: boolean;
  initial?: { fr: string; en: string } | null;
  refused?: RefusedForm;
}) {
  const t = useTranslate();
  const side = (language: Language): BilingualSide => {
    const field = `${name}_${language}`;
    const error = refused?.fieldErrors[field];
    return {
      id: fieldId(formId, field),
      name: field,
      label: t(language === "fr" ? "partners.editor.inFrench" : "partners.editor.inEnglish", { label: t(label) }),
      value: refused ? (refused.values[field] ?? "") : (initial?.[language] ?? ""),
      error: error ? t(error) : undefined,
    };
  };
  return <BilingualFields sides={{ fr: side("fr"), en: side("en") }} missing={missingLanguage(initial)} max={max} multiline={multiline} rows={3} required={required} />;
}
