import { Form, Link } from "react-router";
import { CsrfField } from "~/features/accounts/csrf-field";
import { formatDate, formatTime } from "~/lib/format";
import { Localised } from "~/lib/localised";
import { paths } from "~/lib/paths";
import { answerText } from "../confirmation";
import { useLanguage, useTranslate } from "~/lib/use-language";
import { Hidden } from "./hidden";
import type { SpaceRegistration } from "./types";

/**
 * Who is registered, the status and what happens next, the reference, the answers, consents,
 * workshops and delegation (the person's own: the space lists only their registrations), and
 * the links to change the registration or add a colleague.
 */
export function RegistrationSummary({ registration }: { registration: SpaceRegistration }) {
  const language = useLanguage();
  const t = useTranslate();
  const { confirmation, timeZone } = registration;
  return (
    <>
      <h2 id={`registration-${registration.id}`}>{t("space.registration", { year: registration.year })}</h2>
      <p>
        {registration.given_name} {registration.family_name}, {registration.organisation_name} —{" "}
        <strong>{t(`registration.status.${registration.status}`)}</strong>
      </p>
      {confirmation && (
        <dl className="summary">
          <dt>{t("space.summary.next")}</dt>
          <dd>
            {/* A pending registration waits for the organisers, whatever made it need their approval. */}
            {confirmation.status === "pending" ? t("registration.pendingApproval") : t(`registration.confirmation.next.${confirmation.status}`)}
          </dd>
          <dt>{t("space.summary.reference")}</dt>
          <dd>
            <strong className="reference">{confirmation.reference}</strong>
          </dd>
          {confirmation.delegation && (
            <>
              <dt>{t("space.summary.delegation")}</dt>
              <dd>{t("space.summary.delegationLed", confirmation.delegation)}</dd>
            </>
          )}
          <dt>{t("space.summary.workshops")}</dt>
          <dd>
            {confirmation.workshops.length === 0 ? (
              t("space.summary.noWorkshop")
            ) : (
              <ul>
                {confirmation.workshops.map((workshop) => (
                  <li key={workshop.id}>
                    <Localised value={workshop.title} />, {formatDate(workshop.starts_at, language, timeZone)}, {formatTime(workshop.starts_at, language, timeZone)}–
                    {formatTime(workshop.ends_at, language, timeZone)}
                    {workshop.status === "waitlisted" && ` (${t("registration.confirmation.waitlisted")})`}
                  </li>
                ))}
              </ul>
            )}
          </dd>
          {confirmation.answers.length > 0 && (
            <>
              <dt>{t("space.summary.answers")}</dt>
              <dd>
                <ul>
                  {confirmation.answers.map((answer, i) => (
                    <li key={i}>
                      <Localised value={answer.label} /> — {answerText(answer, language)}
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          )}
          {confirmation.consents.length > 0 && (
            <>
              <dt>{t("space.summary.consents")}</dt>
              <dd>
                <ul>
                  {confirmation.consents.map((consent) => (
                    <li key={consent.kind}>
                      {consent.text} ({t(consent.granted ? "space.summary.consentGiven" : "space.summary.consentRefused", { date: formatDate(consent.recordedAt, language, timeZone) })})
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          )}
        </dl>
      )}
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
