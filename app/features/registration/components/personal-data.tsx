import { Form } from "react-router";
import { CsrfField } from "~/features/accounts/csrf-field";
import { paths } from "~/lib/paths";
import { useLanguage, useTranslate } from "~/lib/use-language";
import { Hidden } from "./hidden";

/** Downloads the person's data, or deletes their account once its box is ticked. */
export function PersonalData({ csrfToken }: { csrfToken: string }) {
  const language = useLanguage();
  const t = useTranslate();
  return (
    <section aria-labelledby="data">
      <h2 id="data">{t("space.data")}</h2>
      <p>
        <a href={paths.personalData(language)} download>
          {t("space.download")}
        </a>
      </p>
      <Form method="post" className="danger">
        <CsrfField token={csrfToken} />
        <Hidden values={{ intent: "delete_account" }} />
        <label>
          <input type="checkbox" name="confirm" value="yes" /> {t("space.deleteConfirm")}
        </label>{" "}
        <button type="submit" className="button button--secondary">
          {t("space.delete")}
        </button>
      </Form>
    </section>
  );
}
