import type { Language } from "~/i18n/languages";
import { translate } from "~/i18n/translate";

/** The document title of a page: its own name, then the site's. */
export function pageTitle(language: Language, name: string): string {
  return `${name} – ${translate(language, "site.name")}`;
}
