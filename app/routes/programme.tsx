import { data, Form, Link } from "react-router";
import type { Route } from "./+types/programme";
import { sessionKinds, type SessionKind } from "~/db/schema";
import { PreviewBanner, previewed } from "~/features/editions/components/preview-banner";
import { editionForPage, pageHeaders } from "~/features/editions/preview.server";
import { Localised, LocalisedAround, localisedString } from "~/lib/localised";
import { getProgramme, listSessionKinds, listSessions, type ProgrammeSession } from "~/features/programme/programme.server";
import { eventJsonLd, JsonLd } from "~/features/structured-data/event-json-ld";
import { formatDay, formatShortDay, formatTime } from "~/lib/format";
import { AppError } from "~/lib/errors";
import { handleErrors, parseDay, parseYear, routeLanguage } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { paths } from "~/lib/paths";
import { useLanguage, useTranslate } from "~/lib/use-language";
import type { Language } from "~/i18n/languages";
import { translate } from "~/i18n/translate";

/** Kinds asked for in `?kind=…`; unknown values are ignored rather than refused. */
function requestedKinds(url: URL): SessionKind[] {
  const asked = new Set(url.searchParams.getAll("kind"));
  return sessionKinds.filter((kind) => asked.has(kind));
}

export async function loader({ request, params, context }: Route.LoaderArgs) {
  return handleErrors(async () => {
    const language = routeLanguage(request);
    const { edition, preview } = await editionForPage(request, context, parseYear(params.year));
    const day = params.day === undefined ? undefined : parseDay(params.day);
    if (day !== undefined && !edition.days.includes(day)) throw new AppError("day_not_found", `no day ${day}`);
    const kinds = requestedKinds(new URL(request.url));
    const [days, kindsInEdition, sessions] = await Promise.all([
      getProgramme(context.db, edition.id, { day, kinds }),
      listSessionKinds(context.db, edition.id),
      listSessions(context.db, edition.id),
    ]);
    const jsonLd = eventJsonLd({ edition, sessions, language, publicUrl: context.env.PUBLIC_URL });
    return data(
      { language, edition, preview, day, kinds, kindsInEdition, days, jsonLd },
      { headers: pageHeaders(request, undefined, ["kind"]) },
    );
  });
}

export const headers: Route.HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: Route.MetaFunction = ({ data: page }) => {
  if (!page) return [];
  const { language, edition, day } = page;
  const name = translate(language, "programme.title", { year: edition.year });
  return [
    { title: pageTitle(language, day ? `${name} – ${formatShortDay(day, language)}` : name) },
    { name: "description", content: localisedString(edition.theme, language) },
  ];
};

function SessionCard({ session, year, preview }: { session: ProgrammeSession; year: number; preview: boolean }) {
  const language = useLanguage();
  const t = useTranslate();
  return (
    <li className="session-card">
      <span className="kind">{t(`kind.${session.kind}`)}</span>
      <h4>
        <Link to={previewed(paths.session(language, year, session.id), preview)}>
          <Localised value={session.title} />
        </Link>
      </h4>
      {session.room && <p className="meta">{t("session.room", { room: session.room.name[language] })}</p>}
      {session.requires_signup && session.capacity !== null && (
        <p className="meta">{t("session.signup", { capacity: session.capacity })}</p>
      )}
      {session.cafes.length > 0 && (
        <ul className="cafe-tables" aria-label={t("cafes.programme.tables")}>
          {session.cafes.map((cafe) => (
            <li key={cafe.id}>
              <LocalisedAround value={cafe.topic} around={(topic) => t("cafes.programme.table", { table: cafe.table, topic })} />{" "}
              <span className="meta">{t("cafes.programme.host", { name: cafe.host.name, organisation: cafe.host.organisation })}</span>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

function kindFilterQuery(kinds: readonly SessionKind[]): string {
  return kinds.length ? `?${kinds.map((kind) => `kind=${kind}`).join("&")}` : "";
}

export default function Programme({ loaderData }: Route.ComponentProps) {
  const { edition, preview, day, kinds, kindsInEdition, days, jsonLd } = loaderData;
  const language: Language = useLanguage();
  const t = useTranslate();
  const zone = edition.time_zone;
  const query = kindFilterQuery(kinds);
  return (
    <>
      <JsonLd data={jsonLd} />
      <PreviewBanner preview={preview} />
      <h1>{t("programme.title", { year: edition.year })}</h1>
      <LocalisedAround as="p" className="theme" value={edition.theme} around={(theme) => t("edition.themeQuoted", { theme })} />
      <nav aria-label={t("programme.days")}>
        <ul className="day-nav">
          <li>
            <Link to={previewed(paths.programme(language, edition.year) + query, preview)} aria-current={day === undefined ? "page" : undefined}>
              {t("programme.allDays")}
            </Link>
          </li>
          {edition.days.map((d) => (
            <li key={d}>
              <Link to={previewed(paths.programme(language, edition.year, d) + query, preview)} aria-current={d === day ? "page" : undefined}>
                {formatShortDay(d, language)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <Form method="get" className="filters">
        <fieldset>
          <legend>{t("programme.filter")}</legend>
          {preview && <input type="hidden" name="preview" value="1" />}
          <ul>
            {kindsInEdition.map((kind) => (
              <li key={kind}>
                <label>
                  <input type="checkbox" name="kind" value={kind} defaultChecked={kinds.includes(kind)} /> {t(`kind.${kind}`)}
                </label>
              </li>
            ))}
          </ul>
          <button type="submit" className="button">
            {t("programme.apply")}
          </button>{" "}
          {kinds.length > 0 && <Link to={day ? paths.programme(language, edition.year, day) : paths.programme(language, edition.year)}>{t("programme.reset")}</Link>}
        </fieldset>
      </Form>

      <p>
        <a href={previewed(paths.programmeCalendar(language, edition.year), preview)} download>
          {t("programme.calendar")}
        </a>
      </p>
      <p>
        <Link to={paths.speakers(language, edition.year)}>{t("programme.speakers.link")}</Link>
      </p>

      {days.length === 0 && <p className="notice">{t("programme.empty")}</p>}
      {days.map((programmeDay) => (
        <section key={programmeDay.day} aria-labelledby={`day-${programmeDay.day}`}>
          <h2 id={`day-${programmeDay.day}`}>{formatDay(programmeDay.day, language)}</h2>
          <ol className="timeline">
            {programmeDay.blocks.map((block) => (
              <li key={block.startsAt.toISOString()} className="block">
                <h3 className="block__time">
                  <time dateTime={block.startsAt.toISOString()}>{formatTime(block.startsAt, language, zone)}</time>
                  {" – "}
                  <time dateTime={block.endsAt.toISOString()}>{formatTime(block.endsAt, language, zone)}</time>
                </h3>
                <ul className="parallel" aria-label={block.sessions.length > 1 ? t("programme.parallel", { count: block.sessions.length }) : undefined}>
                  {block.sessions.map((session) => (
                    <SessionCard key={session.id} session={session} year={edition.year} preview={preview} />
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        </section>
      ))}
    </>
  );
}
