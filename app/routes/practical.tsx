import { Fragment } from "react";
import { data } from "react-router";
import type { Route } from "./+types/practical";
import { PreviewBanner } from "~/features/editions/components/preview-banner";
import { editionForPage, pageHeaders } from "~/features/editions/preview.server";
import { listPracticalSections } from "~/features/settings/practical.server";
import { handleErrors, parseYear, routeLanguage } from "~/lib/http.server";
import { Localised, LocalisedParagraphs } from "~/lib/localised";
import { pageTitle } from "~/lib/meta";
import { useLanguage, useTranslate } from "~/lib/use-language";
import { translate } from "~/i18n/translate";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  return handleErrors(async () => {
    const language = routeLanguage(request);
    const { edition, preview } = await editionForPage(request, context, parseYear(params.year));
    const sections = await listPracticalSections(context.db, edition.id);
    return data({ language, edition, preview, sections }, { headers: pageHeaders(request) });
  });
}

export const headers: Route.HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: Route.MetaFunction = ({ data: page }) =>
  page ? [{ title: pageTitle(page.language, `${translate(page.language, "nav.practical")} ${page.edition.year}`) }] : [];

function mapUrl(latitude: number, longitude: number): string {
  return `https://www.openstreetmap.org/?mlat=${latitude}&mlon=${longitude}#map=17/${latitude}/${longitude}`;
}

export default function Practical({ loaderData }: Route.ComponentProps) {
  const { edition, preview, sections } = loaderData;
  const language = useLanguage();
  const t = useTranslate();
  const { venue } = edition;
  return (
    <>
      <PreviewBanner preview={preview} />
      <h1>{t("practical.title", { year: edition.year })}</h1>
      <section aria-labelledby="venue">
        <h2 id="venue">{t("practical.venue")}</h2>
        <address>
          <strong>{venue.name}</strong>
          <br />
          {venue.street_address}
          <br />
          {venue.postal_code} {venue.locality}
        </address>
        <ul>
          {venue.latitude !== null && venue.longitude !== null && (
            <li>
              <a href={mapUrl(venue.latitude, venue.longitude)}>{t("practical.map")}</a>
            </li>
          )}
          {venue.website && (
            <li>
              <a href={venue.website}>{t("practical.venueWebsite")}</a>
            </li>
          )}
        </ul>
      </section>
      <section aria-labelledby="access">
        <h2 id="access">{t("practical.access")}</h2>
        <dl className="facts">
          {edition.access.map((access) => (
            <Fragment key={access.mode}>
              <dt>{t(`access.${access.mode}`)}</dt>
              <dd>{access.details[language]}</dd>
            </Fragment>
          ))}
        </dl>
      </section>
      {/* Written by the organisers as plain text: React escapes it, blank lines separate paragraphs. */}
      {sections.map((section) => (
        <section key={section.id} aria-labelledby={`practical-${section.id}`}>
          <h2 id={`practical-${section.id}`}>
            <Localised value={section.title} />
          </h2>
          <LocalisedParagraphs value={section.body} className="preserve-lines" />
        </section>
      ))}
      <section aria-labelledby="contacts">
        <h2 id="contacts">{t("practical.contacts")}</h2>
        {edition.contacts.map((contact) => (
          <div key={contact.name} className="card">
            <h3>{contact.name}</h3>
            <p>
              <Localised value={contact.role} />
            </p>
            <ul>
              {contact.phone && (
                <li>
                  {t("practical.phone")} <a href={`tel:${contact.phone.replaceAll(" ", "")}`}>{contact.phone}</a>
                </li>
              )}
              {contact.email && (
                <li>
                  {t("practical.email")} <a href={`mailto:${contact.email}`}>{contact.email}</a>
                </li>
              )}
            </ul>
          </div>
        ))}
      </section>
      <section aria-labelledby="links">
        <h2 id="links">{t("practical.links")}</h2>
        <ul>
          {edition.links.map((link) => (
            <li key={link.url}>
              <a href={link.url}>
                <Localised value={link.label} />
              </a>
            </li>
          ))}
          {edition.hashtag && <li>{t("edition.hashtag", { hashtag: `#${edition.hashtag}` })}</li>}
        </ul>
      </section>
    </>
  );
}
