import { data, Link } from "react-router";
import type { Route } from "./+types/speakers";
import { getEdition } from "~/features/editions/editions.server";
import { publicSpeakers } from "~/features/programme/speakers.server";
import { translate } from "~/i18n/translate";
import { handleErrors, parseYear, publicPageHeaders, routeLanguage } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { PlainText } from "~/lib/plain-text";
import { Localised } from "~/lib/localised";
import { paths } from "~/lib/paths";
import { useLanguage, useTranslate } from "~/lib/use-language";

/** The speakers and moderators of an edition, each linking to their sessions. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  return handleErrors(async () => {
    const language = routeLanguage(request);
    const edition = await getEdition(context.db, parseYear(params.year));
    const speakers = await publicSpeakers(context.db, edition.id);
    return data({ language, year: edition.year, speakers }, { headers: publicPageHeaders() });
  });
}

export const headers: Route.HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: Route.MetaFunction = ({ data: page }) =>
  page ? [{ title: pageTitle(page.language, translate(page.language, "programme.speakers.title", { year: page.year })) }] : [];

export default function Speakers({ loaderData }: Route.ComponentProps) {
  const { year, speakers } = loaderData;
  const language = useLanguage();
  const t = useTranslate();
  return (
    <>
      <p>
        <Link to={paths.programme(language, year)}>{t("session.back")}</Link>
      </p>
      <h1>{t("programme.speakers.title", { year })}</h1>
      {speakers.length === 0 && <p>{t("programme.speakers.none")}</p>}
      <ul className="cards">
        {speakers.map((speaker) => (
          <li key={speaker.id} className="card" id={`speaker-${speaker.id}`}>
            {speaker.photo && <img src={speaker.photo} alt="" className="speaker-photo" width={96} />}
            <h2>{speaker.name}</h2>
            {(speaker.role || speaker.organisation) && (
              <p className="meta">{[speaker.role?.[language], speaker.organisation].filter(Boolean).join(", ")}</p>
            )}
            {speaker.biography && <PlainText text={speaker.biography[language]} />}
            <h3>{t("programme.speakers.sessions")}</h3>
            <ul>
              {speaker.sessions.map((session) => (
                <li key={session.id}>
                  <Link to={paths.session(language, year, session.id)}>
                    <Localised value={session.title} />
                  </Link>
                  {session.part === "moderator" && ` (${t("session.moderator")})`}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </>
  );
}
