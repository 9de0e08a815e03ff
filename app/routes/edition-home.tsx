import { data, Link } from "react-router";
import type { Route } from "./+types/edition-home";
import { editionIsOver, leadingEditionYear, nextRegistrationChange, registrationWindow } from "~/features/editions/editions.server";
import { PreviewBanner, previewed } from "~/features/editions/components/preview-banner";
import { editionForPage, pageHeaders } from "~/features/editions/preview.server";
import { Localised, LocalisedAround, LocalisedParagraphs, localisedString } from "~/lib/localised";
import { HonourSection } from "~/features/editions/honour-section";
import { listSessions } from "~/features/programme/programme.server";
import { eventJsonLd, JsonLd } from "~/features/structured-data/event-json-ld";
import { formatDate, formatDays, formatShortDay } from "~/lib/format";
import { handleErrors, parseYear, routeLanguage } from "~/lib/http.server";
import { paths } from "~/lib/paths";
import { useLanguage, useTranslate } from "~/lib/use-language";
import { pageTitle } from "~/lib/meta";

const hourInSeconds = 3600;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  return handleErrors(async () => {
    const language = routeLanguage(request);
    const now = context.now();
    // `/fr` leads to the next edition: the first published one not over yet, else the latest.
    const currentYear = await leadingEditionYear(context.db, now);
    const year = params.year === undefined ? currentYear : parseYear(params.year);
    const { edition, preview } = await editionForPage(request, context, year);
    const sessions = await listSessions(context.db, edition.id);
    const change = nextRegistrationChange(edition, now);
    const cacheSeconds = change ? Math.min(hourInSeconds, (change.getTime() - now.getTime()) / 1000) : hourInSeconds;
    return data(
      {
        language,
        edition,
        preview,
        isCurrent: edition.year === currentYear,
        over: editionIsOver(edition, now),
        currentYear,
        registration: registrationWindow(edition, now),
        jsonLd: eventJsonLd({ edition, sessions, language, publicUrl: context.env.PUBLIC_URL }),
      },
      { headers: pageHeaders(request, cacheSeconds) },
    );
  });
}

export const headers: Route.HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: Route.MetaFunction = ({ data: page }) =>
  page
    ? [
        { title: pageTitle(page.language, `${localisedString(page.edition.title, page.language)} ${page.edition.year}`) },
        { name: "description", content: localisedString(page.edition.theme, page.language) },
      ]
    : [];

export default function EditionHome({ loaderData }: Route.ComponentProps) {
  const { edition, preview, registration, isCurrent, over, currentYear, jsonLd } = loaderData;
  const language = useLanguage();
  const t = useTranslate();
  const zone = edition.time_zone;
  return (
    <>
      <JsonLd data={jsonLd} />
      <PreviewBanner preview={preview} />
      {!isCurrent && !preview && (
        <p className="notice">
          {t("edition.archived")}{" "}
          <Link to={paths.edition(language, currentYear)}>{t("edition.seeCurrent", { year: currentYear })}</Link>
        </p>
      )}
      <h1>
        <Localised value={edition.title} />{" "}
        <span className="meta">{t("edition.number", { number: edition.number })}</span>
      </h1>
      <LocalisedAround as="p" className="theme" value={edition.theme} around={(theme) => t("edition.themeQuoted", { theme })} />
      <dl className="facts">
        <dt>{t("edition.dates")}</dt>
        <dd>{formatDays(edition.days, language)}</dd>
        <dt>{t("edition.venue")}</dt>
        <dd>
          {edition.venue.name}, {edition.venue.locality}
        </dd>
      </dl>
      <LocalisedParagraphs value={edition.summary} className="lead" />

      <section aria-labelledby="registration">
        <h2 id="registration">{t("registration.heading")}</h2>
        {registration.state === "upcoming" && (
          <p className="notice">{t("registration.upcoming", { date: formatDate(registration.opensAt, language, zone) })}</p>
        )}
        {registration.state === "open" && (
          <>
            <p className="notice notice--open">
              {t("registration.open", { date: formatDate(registration.closesAt, language, zone) })}
            </p>
            <p>
              <Link className="button" to={paths.register(language, edition.year)}>
                {t("registration.form.title", { year: edition.year })}
              </Link>
            </p>
          </>
        )}
        {registration.state === "closed" && <p className="notice notice--closed">{t("registration.closed")}</p>}
      </section>

      <section aria-labelledby="programme">
        <h2 id="programme">{t("programme.heading")}</h2>
        <ul className="actions">
          {edition.days.map((day) => (
            <li key={day}>
              <Link className="button button--secondary" to={previewed(paths.programme(language, edition.year, day), preview)}>
                {formatShortDay(day, language)}
              </Link>
            </li>
          ))}
          <li>
            <Link className="button" to={previewed(paths.programme(language, edition.year), preview)}>
              {t("programme.full")}
            </Link>
          </li>
        </ul>
      </section>

      <HonourSection edition={edition} over={over} />

      <section aria-labelledby="more">
        <h2 id="more">{t("edition.more")}</h2>
        <ul>
          <li>
            <Link to={previewed(paths.practical(language, edition.year), preview)}>{t("nav.practical")}</Link>
          </li>
          <li>
            <Link to={previewed(paths.partners(language, edition.year), preview)}>{t("nav.partners")}</Link>
          </li>
          {edition.hashtag && <li>{t("edition.hashtag", { hashtag: `#${edition.hashtag}` })}</li>}
        </ul>
      </section>
    </>
  );
}
