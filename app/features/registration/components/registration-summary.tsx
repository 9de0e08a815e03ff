import { Form, Link } from "react-router";
import { CsrfField } from "~/features/accounts/csrf-field";
import { paths } from "~/lib/paths";
import { useLanguage, useTranslate } from "~/lib/use-language";
import { Hidden } from "./hidden";
import type { SpaceRegistration } from "./types";

/** Who is registered, the status, and the links to change the registration or add a colleague. */
export function RegistrationSummary({ registration }: { registration: SpaceRegistration }) {
  const language = useLanguage();
  const t = useTranslate();
  return (
    <>
      <h2 id={`registration-${registration.id}`}>{t("space.registration", { year: registration.year })}</h2>
      <p>
        {registration.given_name} {registration.family_name}, {registration.organisation_name} —{" "}
        <strong>{t(`registration.status.${registration.status}`)}</strong>
      </p>
      {registration.status === "pending" && <p>{t("registration.pendingApproval")}</p>}
      <ul className="actions">
        <li>
          <Link className="button button--secondary" to={`${paths.register(language, registration.year)}?edit=${registration.id}`}>
            {t("space.edit")}
          </Link>
        </li>
        {registration.open && (
          <li>
            <Link className="button button--secondary" to={paths.inviteColleague(language, registration.year)}>
              {t("space.addColleague")}
            </Link>
          </li>
        )}
      </ul>
    </>
  );
}

/** Cancels the registration, once its box is ticked. */
export function CancelRegistration({ registration, csrfToken }: { registration: SpaceRegistration; csrfToken: string }) {
  const t = useTranslate();
  return (
    <Form method="post" className="danger">
      <CsrfField token={csrfToken} />
      <Hidden values={{ registration: registration.id, intent: "cancel_registration" }} />
      <label>
        <input type="checkbox" name="confirm" value="yes" /> {t("space.cancelConfirm", { year: registration.year })}
      </label>{" "}
      <button type="submit" className="button button--secondary">
        {t("space.cancel")}
      </button>
    </Form>
  );
}
