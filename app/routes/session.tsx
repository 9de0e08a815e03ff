import { data, Link } from "react-router";
import type { Route } from "./+types/session";
import { PreviewBanner, previewed } from "~/features/editions/components/preview-banner";
import { editionForPage, pageHeaders } from "~/features/editions/preview.server";
import { Localised, LocalisedParagraphs, localisedString } from "~/lib/localised";
import { getSession } from "~/features/programme/programme.server";
import { sessionSeats } from "~/features/registration/signups.server";
import { formatDay, formatTime } from "~/lib/format";
import { handleErrors, parseId, parseYear, routeLanguage } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { PlainText } from "~/lib/plain-text";
import { mediaPath } from "~/features/media/media";
import { paths } from "~/lib/paths";
import { useLanguage, useTranslate } from "~/lib/use-language";

// Seats left change with every sign-up, which the content version does not follow: a
// workshop's page is kept a few seconds only, the rest for the usual hour.
const seatsCacheSeconds = 10;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  return handleErrors(async () => {
    const language = routeLanguage(request);
    const { edition, preview } = await editionForPage(request, context, parseYear(params.year));
    const session = await getSession(context.db, edition.id, parseId(params.sessionId));
    const seats = await sessionSeats(context.db, edition.id, session.id);
    return data({ language, edition, preview, session, seats }, { headers: pageHeaders(request, seats ? seatsCacheSeconds : undefined) });
  });
}

export const headers: Route.HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: Route.MetaFunction = ({ data: page }) =>
  page
    ? [
        { title: pageTitle(page.language, localisedString(page.session.title, page.language)) },
        ...(page.session.description ? [{ name: "description", content: localisedString(page.session.description, page.language) }] : []),
      ]
    : [];

export default function SessionPage({ loaderData }: Route.ComponentProps) {
  const { edition, preview, session, seats } = loaderData;
  const language = useLanguage();
  const t = useTranslate();
  const zone = edition.time_zone;
  return (
    <article>
      <PreviewBanner preview={preview} />
      <p>
        <Link to={previewed(paths.programme(language, edition.year, session.day), preview)}>{t("session.back")}</Link>
      </p>
      <span className="kind">{t(`kind.${session.kind}`)}</span>
      <h1>
        <Localised value={session.title} />
      </h1>
      <dl className="facts">
        <dt>{t("session.when")}</dt>
        <dd>
          {formatDay(session.day, language)},{" "}
          {t("session.time", {
            start: formatTime(session.starts_at, language, zone),
            end: formatTime(session.ends_at, language, zone),
          })}
        </dd>
        <dt>{t("session.where")}</dt>
        <dd>
          {session.room ? `${session.room.name[language]}, ` : ""}
          {edition.venue.name}
        </dd>
        {seats && (
          <>
            <dt>{t("session.seats")}</dt>
            <dd>{t("session.seatsLeft", { left: seats.left, capacity: seats.capacity })}</dd>
          </>
        )}
      </dl>
      {session.description && <LocalisedParagraphs value={session.description} className="lead" />}
      {seats && (
        <section aria-labelledby="sign-up">
          <h2 id="sign-up">{t("session.signUpTitle")}</h2>
          <p>{t(seats.byWishes ? "session.signUpByWishes" : seats.left === 0 ? "session.signUpFull" : "session.signUpOpen")}</p>
          <p>
            {/* A public page does not know who reads it: the space asks whoever is not signed in to sign in first. */}
            <Link className="button button--secondary" to={`${paths.space(language)}#workshop-${session.id}`}>
              {t("session.toSpace")}
            </Link>
          </p>
          <p className="hint">{t("session.toSpaceHelp")}</p>
        </section>
      )}
      {session.speakers.length > 0 && (
        <section aria-labelledby="speakers">
          <h2 id="speakers">{t("session.speakers")}</h2>
          <ul>
            {session.speakers.map((speaker) => (
              <li key={speaker.id}>
                {speaker.photo_id !== null && speaker.photo_hash !== null && (
                  <img src={mediaPath({ id: speaker.photo_id, hash: speaker.photo_hash })} alt="" className="speaker-photo" width={96} />
                )}
                <Link to={`${paths.speakers(language, edition.year)}#speaker-${speaker.id}`}>
                  <strong>{speaker.name}</strong>
                </Link>
                {speaker.part === "moderator" && ` (${t("session.moderator")})`}
                {speaker.role && <>, {speaker.role[language]}</>}
                {speaker.organisation && <>, {speaker.organisation}</>}
                {speaker.biography && <PlainText text={speaker.biography[language]} className="hint" />}
              </li>
            ))}
          </ul>
        </section>
      )}
      <p>
        <a className="button" href={previewed(paths.sessionCalendar(language, edition.year, session.id), preview)} download>
          {t("session.addToCalendar")}
        </a>
      </p>
    </article>
  );
}
