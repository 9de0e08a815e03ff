import { ErrorSummary, controlProps, FieldError, fieldClass } from "~/lib/form-errors";
import { paths } from "~/lib/paths";
import { useLanguage, useTranslate } from "~/lib/use-language";
import { CsrfField } from "./csrf-field";
import { emailMaxLength } from "./sign-in";

/**
 * The form that asks for a sign-in link, on the sign-in page and on the page of a link that no
 * longer works; it posts to the sign-in page with the address and the return path.
 */
export function SignInRequestForm(props: { returnTo: string | undefined; email: string; invalid: boolean; csrfToken?: string }) {
  const language = useLanguage();
  const t = useTranslate();
  const error = props.invalid ? t("accounts.signIn.invalidEmail") : undefined;
  return (
    <form method="post" action={paths.signIn(language)} noValidate>
      {props.csrfToken && <CsrfField token={props.csrfToken} />}
      <ErrorSummary problems={error ? [{ id: "email", label: t("accounts.signIn.email"), message: error }] : []} />
      {props.returnTo && <input type="hidden" name="return_to" value={props.returnTo} />}
      <div className={fieldClass(error)}>
        <label htmlFor="email">{t("accounts.signIn.email")}</label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          spellCheck={false}
          required
          maxLength={emailMaxLength}
          defaultValue={props.email}
          {...controlProps("email", error)}
        />
        <FieldError id="email" message={error} />
      </div>
      <button type="submit" className="button">
        {t("accounts.signIn.submit")}
      </button>
    </form>
  );
}
