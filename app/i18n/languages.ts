export const languages = ["fr", "en"] as const;
export type Language = (typeof languages)[number];

export function isLanguage(value: unknown): value is Language {
  return value === "fr" || value === "en";
}

/** BCP 47 locale used to format dates and numbers for each language. */
export const locales: Record<Language, string> = { fr: "fr-FR", en: "en-GB" };

/**
 * The language a visitor prefers among ours, from an Accept-Language header (RFC 9110 weights):
 * French without a header or for "*", English for a browser that asks only for other languages.
 */
export function preferredLanguage(acceptLanguage: string | null): Language {
  const ranked = (acceptLanguage ?? "")
    .split(",")
    .map((part, order) => {
      const [tag = "", ...params] = part.trim().toLowerCase().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const weight = q ? Number(q.slice(2)) : 1;
      return { language: tag.split("-")[0], weight: Number.isFinite(weight) ? weight : 0, order };
    })
    .filter((entry) => entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.order - b.order)
    .map((entry) => (entry.language === "*" ? "fr" : entry.language))
    .filter((language) => language !== "");
  return ranked.find(isLanguage) ?? (ranked.length > 0 ? "en" : "fr");
}
