import { paths } from "~/lib/paths";
import { useLanguage, useTranslate } from "~/lib/use-language";
import { CsrfField } from "./csrf-field";

/** Signing out here, or everywhere: the account part of the person's space. */
export function SignOutForms({ csrfToken }: { csrfToken: string }) {
  const language = useLanguage();
  const t = useTranslate();
  return (
    <>
      <form method="post" action={paths.signOut(language)}>
        <CsrfField token={csrfToken} />
        <button type="submit" className="button">
          {t("accounts.account.signOut")}
        </button>
      </form>
      <form method="post" action={paths.signOut(language)}>
        <CsrfField token={csrfToken} />
        <input type="hidden" name="scope" value="everywhere" />
        <p id="sign-out-everywhere-help">{t("accounts.account.signOutEverywhereHelp")}</p>
        <button type="submit" className="button button--secondary" aria-describedby="sign-out-everywhere-help">
          {t("accounts.account.signOutEverywhere")}
        </button>
      </form>
    </>
  );
}
