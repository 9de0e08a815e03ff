import { data, Link } from "react-router";
import { ThemeChoices } from "~/features/meetings/components/theme-choices";
import type { Route } from "./+types/meeting-directory";
import { requirePerson } from "~/features/accounts/auth.server";
import { getEdition } from "~/features/editions/editions.server";
import { listThemes, searchDirectory, type DirectoryQuery } from "~/features/meetings/profiles.server";
import { countriesByName, countryCodes, spokenLanguages } from "~/features/registration/form";
import { organisationTypes, type OrganisationType } from "~/db/schema";
import { searchMaxLength } from "~/features/segments/filter";
import { countryName } from "~/lib/format";
import { handleErrors, parseYear, routeLanguage } from "~/lib/http.server";
import { paths } from "~/lib/paths";
import { useLanguage, useTranslate } from "~/lib/use-language";
import { locales } from "~/i18n/languages";
import { translate } from "~/i18n/translate";
import { pageTitle } from "~/lib/meta";

const personalHeaders = { "Cache-Control": "private, no-store" };
const knownCountries = new Set(countryCodes);

/** The directory's query from its address; what is not understood is left out. */
function readQuery(search: URLSearchParams): DirectoryQuery {
  const page = Number(search.get("page") ?? 1);
  const language = search.get("language") ?? "";
  return {
    q: (search.get("q") ?? "").slice(0, searchMaxLength),
    themeIds: search
      .getAll("theme")
      .map(Number)
      .filter((id) => Number.isInteger(id) && id > 0)
      .slice(0, 50),
    countries: search
      .getAll("country")
      .filter((code) => knownCountries.has(code))
      .slice(0, 50),
    organisationTypes: search.getAll("type").filter((type): type is OrganisationType => (organisationTypes as readonly string[]).includes(type)),
    language: (spokenLanguages as readonly string[]).includes(language) ? language : "",
    page: Number.isInteger(page) && page > 0 && page < 10_000 ? page : 1,
  };
}

export async function loader({ request, params, context }: Route.LoaderArgs) {
  return handleErrors(async () => {
    const language = routeLanguage(request);
    const person = await requirePerson(request, context);
    const edition = await getEdition(context.db, parseYear(params.year));
    const query = readQuery(new URL(request.url).searchParams);
    const [result, themes] = await Promise.all([
      searchDirectory(context.db, {
        editionId: edition.id,
        viewerPersonId: person.personId,
        query,
      }),
      listThemes(context.db, edition.id),
    ]);
    return data({ language, year: edition.year, query, result, themes }, { headers: personalHeaders });
  });
}

export const headers: Route.HeadersFunction = () => personalHeaders;

export const meta: Route.MetaFunction = ({ data: page }) =>
  page
    ? [
        {
          title: pageTitle(
            page.language,
            translate(page.language, "meetings.directory.title", {
              year: page.year,
            }),
          ),
        },
        { name: "robots", content: "noindex" },
      ]
    : [];

export default function MeetingDirectory({ loaderData }: Route.ComponentProps) {
  const { year, query, result, themes } = loaderData;
  const language = useLanguage();
  const t = useTranslate();
  const here = paths.meetingDirectory(language, year);
  const themeLabel = new Map(themes.map((theme) => [theme.id, theme.label[language]]));
  const languageNames = new Intl.DisplayNames([locales[language]], {
    type: "language",
  });
  const countries = countriesByName(language);
  const pageLink = (page: number) => {
    const search = new URLSearchParams();
    if (query.q) search.set("q", query.q);
    for (const id of query.themeIds) search.append("theme", String(id));
    for (const code of query.countries) search.append("country", code);
    for (const type of query.organisationTypes) search.append("type", type);
    if (query.language) search.set("language", query.language);
    search.set("page", String(page));
    return `${here}?${search}`;
  };
  const title = t("meetings.directory.title", { year });
  return (
    <>
      <h1>{title}</h1>
      <p>{t("meetings.directory.intro")}</p>
      <p>
        <Link to={paths.meetingProfile(language, year)}>{t("meetings.directory.ownProfile")}</Link>
      </p>
      <form method="get" action={here} role="search" aria-labelledby="directory-search" className="registration-form">
        <h2 id="directory-search" className="visually-hidden">
          {t("meetings.directory.search")}
        </h2>
        <div className="field">
          <label htmlFor="q">{t("meetings.directory.words")}</label>
          <p className="hint" id="q-hint">
            {t("meetings.directory.wordsHint")}
          </p>
          <input id="q" name="q" type="search" maxLength={searchMaxLength} defaultValue={query.q} aria-describedby="q-hint" autoComplete="off" />
        </div>
        {themes.length > 0 && (
          <fieldset className="field">
            <legend>{t("meetings.directory.themes")}</legend>
            <ThemeChoices themes={themes} chosen={query.themeIds} />
          </fieldset>
        )}
        <div className="field">
          <label htmlFor="country">{t("meetings.directory.country")}</label>
          <select id="country" name="country" defaultValue={query.countries[0] ?? ""}>
            <option value="">{t("meetings.directory.any")}</option>
            {countries.map((country) => (
              <option key={country.code} value={country.code}>
                {country.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="type">{t("meetings.directory.type")}</label>
          <select id="type" name="type" defaultValue={query.organisationTypes[0] ?? ""}>
            <option value="">{t("meetings.directory.any")}</option>
            {organisationTypes.map((type) => (
              <option key={type} value={type}>
                {t(`registration.organisation.${type}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="language">{t("meetings.directory.language")}</label>
          <select id="language" name="language" defaultValue={query.language}>
            <option value="">{t("meetings.directory.any")}</option>
            {spokenLanguages.map((code) => (
              <option key={code} value={code}>
                {languageNames.of(code) ?? code}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {t("meetings.directory.submit")}
        </button>
      </form>

      <p role="status">{t("meetings.directory.results", { total: result.total })}</p>
      <ul className="cards">
        {result.entries.map((entry) => (
          <li key={entry.registrationId} className="card">
            <h3>{`${entry.givenName} ${entry.familyName}`}</h3>
            <p>
              {entry.organisationName} — {t(`registration.organisation.${entry.organisationType}`)}
            </p>
            <p className="meta">{[entry.city, entry.region, countryName(entry.countryCode, language)].filter(Boolean).join(", ")}</p>
            {entry.themeIds.length > 0 && (
              <p>
                <span className="visually-hidden">{t("meetings.directory.themesOf")}</span>
                {entry.themeIds
                  .map((id) => themeLabel.get(id))
                  .filter(Boolean)
                  .join(" · ")}
              </p>
            )}
            {entry.offer && (
              <>
                <h4>{t("meetings.profile.offer")}</h4>
                <p className="break-anywhere">{entry.offer}</p>
              </>
            )}
            {entry.registrationId !== result.viewerRegistrationId && (
              <p>
                <Link to={`${paths.meetingRequests(language, year)}?to=${entry.registrationId}`}>
                  {t("meetings.requests.ask", { name: `${entry.givenName} ${entry.familyName}` })}
                </Link>
              </p>
            )}
            {entry.seek && (
              <>
                <h4>{t("meetings.profile.seek")}</h4>
                <p className="break-anywhere">{entry.seek}</p>
              </>
            )}
          </li>
        ))}
      </ul>
      {result.pageCount > 1 && (
        <nav aria-label={t("meetings.directory.pages")} className="pagination">
          <p>{t("desk.page", { page: result.page, pages: result.pageCount })}</p>
          <ul>
            {result.page > 1 && (
              <li>
                <Link to={pageLink(result.page - 1)} rel="prev">
                  {t("desk.previous")}
                </Link>
              </li>
            )}
            {result.page < result.pageCount && (
              <li>
                <Link to={pageLink(result.page + 1)} rel="next">
                  {t("desk.next")}
                </Link>
              </li>
            )}
          </ul>
        </nav>
      )}
    </>
  );
}
