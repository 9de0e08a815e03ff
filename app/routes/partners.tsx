import { data } from "react-router";
import type { Route } from "./+types/partners";
import type { SupporterRole } from "~/db/schema";
import { editionIsOver } from "~/features/editions/editions.server";
import { PreviewBanner } from "~/features/editions/components/preview-banner";
import { editionForPage, pageHeaders } from "~/features/editions/preview.server";
import { HonourSection } from "~/features/editions/honour-section";
import { handleErrors, parseYear, routeLanguage } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { useLanguage, useTranslate } from "~/lib/use-language";
import { translate } from "~/i18n/translate";

const roleOrder: SupporterRole[] = ["organiser", "support", "funder", "partner", "media"];

export async function loader({ request, params, context }: Route.LoaderArgs) {
  return handleErrors(async () => {
    const language = routeLanguage(request);
    const { edition, preview } = await editionForPage(request, context, parseYear(params.year));
    return data({ language, edition, preview, over: editionIsOver(edition, context.now()) }, { headers: pageHeaders(request) });
  });
}

export const headers: Route.HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: Route.MetaFunction = ({ data: page }) =>
  page ? [{ title: pageTitle(page.language, `${translate(page.language, "nav.partners")} ${page.edition.year}`) }] : [];

export default function Partners({ loaderData }: Route.ComponentProps) {
  const { edition, preview, over } = loaderData;
  const language = useLanguage();
  const t = useTranslate();
  const roles = roleOrder.filter((role) => edition.supporters.some((supporter) => supporter.role === role));
  return (
    <>
      <PreviewBanner preview={preview} />
      <h1>{t("partners.title", { year: edition.year })}</h1>
      {roles.map((role) => (
        <section key={role} aria-labelledby={`role-${role}`}>
          <h2 id={`role-${role}`}>{t(`supporterRole.${role}`)}</h2>
          <ul className="cards">
            {edition.supporters
              .filter((supporter) => supporter.role === role)
              .map((supporter) => (
                <li key={supporter.name.en} className="card">
                  <h3>
                    {supporter.name[language]}
                    {supporter.acronym && ` (${supporter.acronym[language]})`}
                  </h3>
                  {supporter.note && <p>{supporter.note[language]}</p>}
                  {supporter.website && (
                    <p>
                      <a href={supporter.website}>{t("partners.website", { name: supporter.acronym?.[language] ?? supporter.name[language] })}</a>
                    </p>
                  )}
                </li>
              ))}
          </ul>
        </section>
      ))}
      <HonourSection edition={edition} over={over} />
    </>
  );
}
