import { controlProps, FieldError, fieldClass, MaxLengthHint } from "~/lib/form-errors";
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
  return (
    <>
      {(["fr", "en"] as const).map((language) => {
        const field = `${name}_${language}`;
        const id = fieldId(formId, field);
        const error = refused?.fieldErrors[field];
        const message = error ? t(error) : undefined;
        const value = refused ? (refused.values[field] ?? "") : (initial?.[language] ?? "");
        const props = {
          id,
          name: field,
          defaultValue: value,
          maxLength: max,
          required,
          lang: language,
          ...controlProps(id, message, `${id}-limit`),
        };
        return (
          <div className={fieldClass(message)} key={language}>
            <label htmlFor={id}>{t(language === "fr" ? "partners.editor.inFrench" : "partners.editor.inEnglish", { label: t(label) })}</label>
            <MaxLengthHint id={id} max={max} />
            <FieldError id={id} message={message} />
            {multiline ? <textarea rows={3} {...props} /> : <input type="text" {...props} />}
          </div>
        );
      })}
    </>
  );
}
