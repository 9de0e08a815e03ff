import { data, Link } from "react-router";
import type { Route } from "./+types/back-office-home";
import { requirePerson } from "~/features/accounts/auth.server";
import { staffEditions } from "~/features/editions/edition-admin.server";
import { backOfficeSections } from "~/features/organisers/sections";
import { translate } from "~/i18n/translate";
import { AppError } from "~/lib/errors";
import { formatDays } from "~/lib/format";
import { handleErrors, routeLanguage } from "~/lib/http.server";
import { Localised } from "~/lib/localised";
import { pageTitle } from "~/lib/meta";
import { paths } from "~/lib/paths";
import { useLanguage, useTranslate } from "~/lib/use-language";

const personalHeaders = { "Cache-Control": "private, no-store" };

/** The back office's first page: every edition the person holds a role on, drafts included. */
export async function loader({ request, context }: Route.LoaderArgs) {
  return handleErrors(async () => {
    const language = routeLanguage(request);
    const person = await requirePerson(request, context);
    const editions = await staffEditions(context.db, person.personId);
    if (editions.length === 0) throw new AppError("not_staff");
    return data({ language, editions }, { headers: personalHeaders });
  });
}

export const headers: Route.HeadersFunction = () => personalHeaders;

export const meta: Route.MetaFunction = ({ data: page }) => (page ? [{ title: pageTitle(page.language, translate(page.language, "editions.home.title")) }] : []);

export default function BackOfficeHome({ loaderData }: Route.ComponentProps) {
  const { editions } = loaderData;
  const language = useLanguage();
  const t = useTranslate();
  return (
    <>
      <h1>{t("editions.home.title")}</h1>
      <p>{t("editions.home.intro")}</p>
      <ul className="cards">
        {editions.map((edition) => {
          // The first section of the menu this person may open on that edition.
          const section = backOfficeSections.find((candidate) => edition.permissions.includes(candidate.permission))?.key;
          return (
            <li key={edition.year} className="card">
              <h2>
                <Localised value={edition.title} /> {edition.year}
              </h2>
              <p>
                {t("editions.status.label")}{" "}
                <strong className={edition.published ? "status status--published" : "status status--draft"}>
                  {t(edition.published ? "editions.status.published" : "editions.status.draft")}
                </strong>
              </p>
              <p>{edition.days.length > 0 ? formatDays(edition.days, language) : t("editions.noDays")}</p>
              {section && (
                <p>
                  <Link to={paths.backOffice(language, edition.year, section)}>{t("editions.home.open", { year: edition.year })}</Link>
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}
