import type { Language } from "~/i18n/languages";
import { translate } from "~/i18n/translate";
import { pageTitle } from "./meta";
import { useLanguage, useTranslate } from "./use-language";

// How every form of the site shows what stopped it, after the GOV.UK Design System: a summary at
// the top that takes the focus and links to each field in error, the document title prefixed
// with "Error:", and each field in error marked alike (aria-invalid, a bar and an icon beside
// it, its message tied to it by aria-describedby).

/** One problem of a refused form: the id of its field, that field's label, the message shown. */
export interface FormProblem {
  id: string;
  label: string;
  message: string;
}

/** The id of a field's error message, for its aria-describedby. */
export const errorId = (id: string) => `${id}-error`;

/** A space-separated list of the ids given, undefined when there is none (for aria-describedby). */
export function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  return ids.filter(Boolean).join(" ") || undefined;
}

/** The attributes of a control: invalid and described by its hint and message when in error. */
export function controlProps(id: string, error: string | undefined, hintId?: string) {
  return {
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy(hintId, error && errorId(id)),
  } as const;
}

/** The document title of a page showing a refused form. */
export function errorTitle(language: Language, title: string): string {
  return translate(language, "form.errorTitle", { title });
}

/**
 * The document title of a form page, "Error: …" while it shows a refused form. Rendered by the
 * page (React puts it in the head) rather than by `meta`, which cannot see what the action answered.
 */
export function FormPageTitle({ title, refused }: { title: string; refused: boolean }) {
  const language = useLanguage();
  const full = pageTitle(language, title);
  return <title>{refused ? errorTitle(language, full) : full}</title>;
}

/**
 * The summary of a refused form, first thing in it. It takes the focus as the page loads
 * (`autoFocus` without JavaScript, the script for browsers that ignore it on a region); its links
 * lead to each field, and the script also brings the field's label into view.
 */
export function ErrorSummary({ problems }: { problems: FormProblem[] }) {
  const t = useTranslate();
  if (problems.length === 0) return null;
  return (
    <div className="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1} autoFocus data-error-summary>
      <h2 id="error-summary-title">{t("form.errorSummary")}</h2>
      <ul>
        {problems.map((problem) => (
          <li key={problem.id}>
            <a href={`#${problem.id}`}>{t("form.problem", { label: problem.label, message: problem.message })}</a>
          </li>
        ))}
      </ul>
      <script src="/form-errors.js" defer />
    </div>
  );
}

/** The message of a field in error, below it; a field's wrapper takes `fieldClass` to be marked. */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  const t = useTranslate();
  if (!message) return null;
  return (
    <p className="field-error" id={errorId(id)}>
      <span className="field-error__prefix">{t("form.errorPrefix")}</span> {message}
    </p>
  );
}

/** The class of a field's wrapper: marked when the field is in error. */
export const fieldClass = (error: string | undefined) => (error ? "field field--error" : "field");

/** The hint stating a text's limit before it is reached, with its id for aria-describedby. */
export function MaxLengthHint({ id, max }: { id: string; max: number }) {
  const t = useTranslate();
  return (
    <p className="hint" id={`${id}-limit`}>
      {t("form.maxLength", { max })}
    </p>
  );
}
