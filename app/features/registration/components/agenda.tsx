import { Link } from "react-router";
import { formatShortDay, formatTime } from "~/lib/format";
import { Localised, localisedString } from "~/lib/localised";
import { paths } from "~/lib/paths";
import { useLanguage, useTranslate } from "~/lib/use-language";
import type { SpaceRegistration } from "./types";

/** What the person attends, each session with its own calendar file and what runs at the same time. */
export function Agenda({ registration }: { registration: SpaceRegistration }) {
  const language = useLanguage();
  const t = useTranslate();
  if (registration.agenda.length === 0) return null;
  return (
    <>
      <h3>{t("space.agenda")}</h3>
      <ul>
        {registration.agenda.map((session) => (
          <li key={session.id}>
            {formatShortDay(session.day, language)}, {formatTime(session.starts_at, language, registration.timeZone)}–
            {formatTime(session.ends_at, language, registration.timeZone)}:{" "}
            <Link to={paths.session(language, registration.year, session.id)}><Localised value={session.title} /></Link> (
            <a href={paths.sessionCalendar(language, registration.year, session.id)} download>
              {t("space.addOne")}
              <span className="visually-hidden"> – <Localised value={session.title} /></span>
            </a>
            )
            {session.overlaps.length > 0 && (
              <>
                {" "}
                <em>— {t("space.agendaOverlap", { sessions: session.overlaps.map((title) => t("space.agendaOverlapTitle", { title: localisedString(title, language) })).join(", ") })}</em>
              </>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
