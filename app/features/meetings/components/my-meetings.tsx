import { Link } from "react-router";
import { CsrfField } from "~/features/accounts/csrf-field";
import { countryName, formatDateTime, formatTime } from "~/lib/format";
import { paths } from "~/lib/paths";
import { useLanguage, useTranslate } from "~/lib/use-language";

export interface MyMeeting {
  requestId: number;
  startsAt: string | Date;
  endsAt: string | Date;
  table: string;
  others: { registrationId: number; name: string; organisation: string; countryCode: string; published: boolean }[];
}

/** A participant's meetings with their time and table, each with the others' profiles and a way to cancel it. */
export function MyMeetings({ meetings, year, timeZone, csrfToken }: { meetings: readonly MyMeeting[]; year: number; timeZone: string; csrfToken: string }) {
  const language = useLanguage();
  const t = useTranslate();
  return (
    <section aria-labelledby="my-meetings">
      <h2 id="my-meetings">{t("meetings.mine.title")}</h2>
      {meetings.length === 0 ? (
        <p>{t("meetings.mine.none")}</p>
      ) : (
        <ul className="cards">
          {meetings.map((meeting) => {
            const names = meeting.others.map((other) => other.name).join(", ");
            return (
              <li key={meeting.requestId} className="card">
                <h3>
                  {t("meetings.mine.where", {
                    when: `${formatDateTime(new Date(meeting.startsAt), language, timeZone)}–${formatTime(new Date(meeting.endsAt), language, timeZone)}`,
                    table: meeting.table,
                  })}
                </h3>
                <ul>
                  {meeting.others.map((other) => (
                    <li key={other.registrationId}>
                      {other.published ? (
                        <Link to={`${paths.meetingDirectory(language, year)}?q=${encodeURIComponent(other.name)}`} aria-label={t("meetings.mine.profile", { name: other.name })}>
                          {other.name}
                        </Link>
                      ) : (
                        other.name
                      )}{" "}
                      — {other.organisation}, {countryName(other.countryCode, language)}
                    </li>
                  ))}
                </ul>
                <form method="post" action={paths.meetingRequests(language, year)} className="inline-form">
                  <CsrfField token={csrfToken} />
                  <input type="hidden" name="request" value={meeting.requestId} />
                  <button type="submit" name="intent" value="cancel" className="button button--secondary">
                    {t("meetings.mine.cancelLabel", { names })}
                  </button>
                </form>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
