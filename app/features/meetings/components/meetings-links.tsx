import { Link } from "react-router";
import type { SpaceRegistration } from "~/features/registration/components/types";
import { paths } from "~/lib/paths";
import { useLanguage, useTranslate } from "~/lib/use-language";

/** B2B meetings in a confirmed registration of the personal space: one's profile and the directory. */
export function MeetingsLinks({ registration }: { registration: SpaceRegistration }) {
  const language = useLanguage();
  const t = useTranslate();
  if (registration.status !== "confirmed") return null;
  return (
    <section aria-labelledby={`meetings-${registration.id}`}>
      <h3 id={`meetings-${registration.id}`}>{t("meetings.space.title")}</h3>
      <p>{t("meetings.space.intro")}</p>
      <ul>
        <li>
          <Link to={paths.meetingProfile(language, registration.year)}>{t("meetings.directory.ownProfile")}</Link>
        </li>
        <li>
          <Link to={paths.meetingDirectory(language, registration.year)}>{t("meetings.directory.link")}</Link>
        </li>
        <li>
          <Link to={paths.meetingRequests(language, registration.year)}>{t("meetings.requests.link")}</Link>
        </li>
      </ul>
    </section>
  );
}
