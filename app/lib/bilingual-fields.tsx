import { languages, type Language } from "~/i18n/languages";
import { controlProps, describedBy, FieldError, fieldClass, MaxLengthHint } from "./form-errors";
import { useTranslate } from "./use-language";

/** One side of a text in both languages, as a form shows it. */
export interface BilingualSide {
  id: string;
  name: string;
  label: string;
  /** What the field holds: the stored text, or what was typed when the form was refused. */
  value: string;
  /** The message of the field in error, already translated. */
  error?: string;
}

/**
 * The French and English fields of one text, French first, each in its own `lang`, its limit said
 * before it is reached. The side a stored text lacks (`missing`: a translation to come, decision
 * 0023, from `missingLanguage`) is marked, so an organiser finds it where the list of missing
 * translations leads (`#<id>` of the empty field).
 */
export function BilingualFields({
  sides,
  missing,
  hint,
  max,
  multiline = false,
  rows = 5,
  required = false,
}: {
  sides: Record<Language, BilingualSide>;
  missing: Language | undefined;
  /** Said under each label, the same in both languages' fields. */
  hint?: string;
  max: number;
  multiline?: boolean;
  rows?: number;
  required?: boolean;
}) {
  const t = useTranslate();
  return (
    <>
      {languages.map((language) => {
        const { id, name, label, value, error } = sides[language];
        const missingId = missing === language ? `${id}-missing` : undefined;
        const hintId = hint ? `${id}-hint` : undefined;
        const props = {
          id,
          name,
          lang: language,
          defaultValue: value,
          maxLength: max,
          required,
          ...controlProps(id, error, describedBy(hintId, `${id}-limit`, missingId)),
        };
        return (
          <div key={language} className={fieldClass(error)}>
            <label htmlFor={id}>{label}</label>
            {hint && (
              <p className="hint" id={hintId}>
                {hint}
              </p>
            )}
            <MaxLengthHint id={id} max={max} />
            {missingId && (
              <p className="missing-translation" id={missingId}>
                <strong>{t("editions.edit.missingIn", { language: t(`editions.language.${language}`) })}</strong>
              </p>
            )}
            <FieldError id={id} message={error} />
            {multiline ? <textarea rows={rows} {...props} /> : <input type="text" {...props} />}
          </div>
        );
      })}
    </>
  );
}
