import { Link } from "react-router";
import { zonedTime } from "~/features/calendar/zoned-time";
import { formatShortDay, formatTime } from "~/lib/format";
import { Localised, localisedString } from "~/lib/localised";
import { paths } from "~/lib/paths";
import { useLanguage, useTranslate } from "~/lib/use-language";
import type { SpaceRegistration } from "./types";

/** The calendar day of an instant on the edition's clock, as YYYY-MM-DD. */
function dayOf(instant: Date, timeZone: string): string {
  const { year, month, day } = zonedTime(instant, timeZone);
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/**
 * What the person attends, in time order: each session with its own calendar file and what runs
 * at the same time, and each announced B2B meeting with its table and the others.
 */
export function Agenda({ registration }: { registration: SpaceRegistration }) {
  const language = useLanguage();
  const t = useTranslate();
  if (registration.agenda.length === 0 && registration.meetings.length === 0) return null;
  const { timeZone } = registration;
  const when = (starts: Date, ends: Date, day: string) => `${formatShortDay(day, language)}, ${formatTime(starts, language, timeZone)}–${formatTime(ends, language, timeZone)}`;
  const items = [
    ...registration.agenda.map((session) => ({ at: new Date(session.starts_at).getTime(), session })),
    ...registration.meetings.map((meeting) => ({ at: new Date(meeting.startsAt).getTime(), meeting })),
  ].sort((a, b) => a.at - b.at);
  return (
    <>
      <h3>{t("space.agenda")}</h3>
      <ul>
        {items.map((item) => {
          if ("meeting" in item) {
            const { meeting } = item;
            const starts = new Date(meeting.startsAt);
            return (
              <li key={`meeting-${meeting.meetingId}`}>
                {when(starts, new Date(meeting.endsAt), dayOf(starts, timeZone))}:{" "}
                {t("meetings.agenda.meeting", { names: meeting.others.map((other) => other.name).join(", "), table: meeting.table })}
              </li>
            );
          }
          const { session } = item;
          return (
            <li key={session.id}>
              {when(new Date(session.starts_at), new Date(session.ends_at), session.day)}:{" "}
              <Link to={paths.session(language, registration.year, session.id)}>
                <Localised value={session.title} />
              </Link>{" "}
              (
              <a href={paths.sessionCalendar(language, registration.year, session.id)} download>
                {t("space.addOne")}
                <span className="visually-hidden">
                  {" "}
                  – <Localised value={session.title} />
                </span>
              </a>
              )
              {session.overlaps.length > 0 && (
                <>
                  {" "}
                  <em>
                    — {t("space.agendaOverlap", { sessions: session.overlaps.map((title) => t("space.agendaOverlapTitle", { title: localisedString(title, language) })).join(", ") })}
                  </em>
                </>
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}
