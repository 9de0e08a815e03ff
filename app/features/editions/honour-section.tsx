import type { Localised } from "~/db/schema";
import { countryName } from "~/lib/format";
import { LocalisedParagraphs } from "~/lib/localised";
import { useLanguage, useTranslate } from "~/lib/use-language";

/**
 * The country of honour of an edition. "To be announced" only while the edition is to come: once
 * it is over, an edition that honoured no country says nothing about it.
 */
export function HonourSection({
  edition,
  over,
}: {
  edition: { honoured_country_code: string | null; honour_text: Localised | null };
  over: boolean;
}) {
  const language = useLanguage();
  const t = useTranslate();
  const country = edition.honoured_country_code;
  if (!country && over && !edition.honour_text) return null;
  return (
    <section aria-labelledby="honour">
      <h2 id="honour">{t("honour.heading")}</h2>
      {country ? (
        <p>{t("honour.country", { country: countryName(country, language) })}</p>
      ) : (
        !over && <p>{t("honour.toBeAnnounced")}</p>
      )}
      {edition.honour_text && <LocalisedParagraphs value={edition.honour_text} />}
    </section>
  );
}
