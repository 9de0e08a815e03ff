import { Form } from "react-router";
import { CsrfField } from "~/features/accounts/csrf-field";
import { formatShortDay, formatTime } from "~/lib/format";
import { useLanguage, useTranslate } from "~/lib/use-language";
import { isFull, seatsLeft } from "../seats";
import { Hidden } from "./hidden";
import type { SpaceRegistration } from "./types";

/** The workshops that need a sign-up, with seats left and a button to join, wait or leave. */
export function WorkshopList({ registration, csrfToken }: { registration: SpaceRegistration; csrfToken: string }) {
  const language = useLanguage();
  const t = useTranslate();
  if (registration.status !== "confirmed" || registration.workshops.length === 0) return null;
  return (
    <>
      <h3>{t("space.workshops")}</h3>
      <ul className="cards">
        {registration.workshops.map((session) => (
          <li key={session.id} className="card">
            <h4>{session.title[language]}</h4>
            <p className="meta">
              {formatShortDay(session.day, language)},{" "}
              {t("session.time", {
                start: formatTime(session.starts_at, language, registration.timeZone),
                end: formatTime(session.ends_at, language, registration.timeZone),
              })}
            </p>
            <p className="meta">{t("space.seatsLeft", { count: seatsLeft(session) })}</p>
            {session.mine && <p>{t(session.mine === "confirmed" ? "space.mine.confirmed" : "space.mine.waitlisted")}</p>}
            {session.wish_round_id === null && (
              <Form method="post">
                <CsrfField token={csrfToken} />
                <Hidden values={{ registration: registration.id, session: session.id, intent: session.mine ? "cancel_signup" : "sign_up" }} />
                <button type="submit" className={session.mine ? "button button--secondary" : "button"}>
                  {session.mine ? t("space.leave") : isFull(session) ? t("space.joinWaitlist") : t("space.join")}
                  <span className="visually-hidden"> – {session.title[language]}</span>
                </button>
              </Form>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
