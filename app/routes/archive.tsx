import { data, Link } from "react-router";
import type { Route } from "./+types/archive";
import { listEditions } from "~/features/editions/editions.server";
import { formatDays } from "~/lib/format";
import { handleErrors, publicPageHeaders, routeLanguage } from "~/lib/http.server";
import { LocalisedAround } from "~/lib/localised";
import { pageTitle } from "~/lib/meta";
import { paths } from "~/lib/paths";
import { useLanguage, useTranslate } from "~/lib/use-language";
import { translate } from "~/i18n/translate";

export async function loader({ request, context }: Route.LoaderArgs) {
  return handleErrors(async () => {
    const language = routeLanguage(request);
    return data({ language, editions: await listEditions(context.db) }, { headers: publicPageHeaders() });
  });
}

export const headers: Route.HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: Route.MetaFunction = ({ data: page }) =>
  page ? [{ title: pageTitle(page.language, translate(page.language, "archive.title")) }] : [];

export default function Archive({ loaderData }: Route.ComponentProps) {
  const { editions } = loaderData;
  const language = useLanguage();
  const t = useTranslate();
  return (
    <>
      <h1>{t("archive.title")}</h1>
      <ul className="cards">
        {editions.map((edition) => (
          <li key={edition.year} className="card">
            <h2>
              <Link to={paths.edition(language, edition.year)}>{t("archive.edition", { number: edition.number, year: edition.year })}</Link>
            </h2>
            <LocalisedAround as="p" className="theme" value={edition.theme} around={(theme) => t("edition.themeQuoted", { theme })} />
            <p>{formatDays(edition.days, language)}</p>
            <p>
              <Link to={paths.programme(language, edition.year)}>{t("nav.programme")}</Link>
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}
