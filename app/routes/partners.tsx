import { data } from "react-router";
import type { Route } from "./+types/partners";
import type { SupporterRole } from "~/db/schema";
import { editionIsOver } from "~/features/editions/editions.server";
import { PreviewBanner } from "~/features/editions/components/preview-banner";
import { editionForPage, pageHeaders } from "~/features/editions/preview.server";
import { HonourSection } from "~/features/editions/honour-section";
import { listRelayAuthorities } from "~/features/partners/relays.server";
import { listSupporters } from "~/features/partners/supporters.server";
import { handleErrors, parseYear, routeLanguage } from "~/lib/http.server";
import { Localised, LocalisedParagraphs, localisedString } from "~/lib/localised";
import { pageTitle } from "~/lib/meta";
import { useLanguage, useTranslate } from "~/lib/use-language";
import { translate } from "~/i18n/translate";

const roleOrder: SupporterRole[] = ["organiser", "support", "funder", "partner", "media"];

export async function loader({ request, params, context }: Route.LoaderArgs) {
  return handleErrors(async () => {
    const language = routeLanguage(request);
    const { edition, preview } = await editionForPage(request, context, parseYear(params.year));
    const [supporters, relays] = await Promise.all([listSupporters(context.db, edition.id), listRelayAuthorities(context.db, edition.id)]);
    return data({ language, edition, preview, supporters, relays, over: editionIsOver(edition, context.now()) }, { headers: pageHeaders(request) });
  });
}

export const headers: Route.HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: Route.MetaFunction = ({ data: page }) =>
  page ? [{ title: pageTitle(page.language, `${translate(page.language, "nav.partners")} ${page.edition.year}`) }] : [];

export default function Partners({ loaderData }: Route.ComponentProps) {
  const { edition, preview, supporters, relays, over } = loaderData;
  const language = useLanguage();
  const t = useTranslate();
  const roles = roleOrder.filter((role) => supporters.some((supporter) => supporter.role === role));
  return (
    <>
      <PreviewBanner preview={preview} />
      <h1>{t("partners.title", { year: edition.year })}</h1>
      {roles.map((role) => (
        <section key={role} aria-labelledby={`role-${role}`}>
          <h2 id={`role-${role}`}>{t(`supporterRole.${role}`)}</h2>
          <ul className="cards">
            {supporters
              .filter((supporter) => supporter.role === role)
              .map((supporter) => (
                <li key={supporter.id} className="card">
                  <h3>
                    {/* The logo stands for the name, which is its text alternative. */}
                    {supporter.logo ? <img src={supporter.logo} alt={localisedString(supporter.name, language)} className="supporter-logo" /> : <Localised value={supporter.name} />}
                    {supporter.acronym && <> (<Localised value={supporter.acronym} />)</>}
                  </h3>
                  {supporter.note && <LocalisedParagraphs value={supporter.note} />}
                  {supporter.website && (
                    <p>
                      <a href={supporter.website}>{t("partners.website", { name: localisedString(supporter.acronym ?? supporter.name, language) })}</a>
                    </p>
                  )}
                </li>
              ))}
          </ul>
        </section>
      ))}
      <HonourSection edition={edition} over={over} />
      {relays.length > 0 && (
        <section aria-labelledby="relays">
          <h2 id="relays">{t("partners.relays.heading")}</h2>
          <p>{t("partners.relays.intro")}</p>
          <ol className="relay-list">
            {relays.map((relay) => (
              <li key={relay.id}>
                <strong>{relay.name[language]}</strong> — {relay.relayed[language]}
              </li>
            ))}
          </ol>
        </section>
      )}
    </>
  );
}
