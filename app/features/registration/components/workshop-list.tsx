import { Form, Link } from "react-router";
import { CsrfField } from "~/features/accounts/csrf-field";
import { formatShortDay, formatTime } from "~/lib/format";
import { Localised, LocalisedParagraphs, localisedString } from "~/lib/localised";
import { paths } from "~/lib/paths";
import { useLanguage, useTranslate } from "~/lib/use-language";
import { isFull, seatsLeft } from "../seats";
import { Hidden } from "./hidden";
import type { SpaceRegistration } from "./types";

/**
 * The workshops that need a sign-up, each with its description, a link to its page, seats left
 * and a button to join, wait or leave; a workshop at the same time as one the person holds says
 * so instead of offering a button that would be refused.
 */
export function WorkshopList({ registration, csrfToken }: { registration: SpaceRegistration; csrfToken: string }) {
  const language = useLanguage();
  const t = useTranslate();
  if (registration.status !== "confirmed" || registration.workshops.length === 0) return null;
  return (
    <>
      <h3>{t("space.workshops")}</h3>
      <ul className="cards">
        {registration.workshops.map((session) => (
          <li key={session.id} id={`workshop-${session.id}`} className="card">
            <h4>
              <Link to={paths.session(language, registration.year, session.id)}><Localised value={session.title} /></Link>
            </h4>
            <p className="meta">
              {formatShortDay(session.day, language)},{" "}
              {t("session.time", {
                start: formatTime(session.starts_at, language, registration.timeZone),
                end: formatTime(session.ends_at, language, registration.timeZone),
              })}
            </p>
            {session.description && <LocalisedParagraphs value={session.description} />}
            <p className="meta">{t("space.seatsLeft", { count: seatsLeft(session) })}</p>
            {session.mine && <p>{t(session.mine === "confirmed" ? "space.mine.confirmed" : "space.mine.waitlisted")}</p>}
            {session.wish_round_id === null &&
              (session.clash ? (
                <p className="notice">{t(`space.clash.${session.clash.status}`, { session: localisedString(session.clash.title, language) })}</p>
              ) : (
                <Form method="post">
                  <CsrfField token={csrfToken} />
                  <Hidden values={{ registration: registration.id, session: session.id, intent: session.mine ? "cancel_signup" : "sign_up" }} />
                  <button type="submit" className={session.mine ? "button button--secondary" : "button"}>
                    {session.mine ? t("space.leave") : isFull(session) ? t("space.joinWaitlist") : t("space.join")}
                    <span className="visually-hidden"> – <Localised value={session.title} /></span>
                  </button>
                </Form>
              ))}
          </li>
        ))}
      </ul>
    </>
  );
}
