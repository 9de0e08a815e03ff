import type { Language } from "~/i18n/languages";
import { paths } from "~/lib/paths";
import { previewed } from "./components/preview-banner";
import type { MissingTranslation } from "./translations";

/**
 * Where an organiser fills in a missing translation. The edition's own fields are on its form;
 * the other texts lead to the page showing them, previewed, until their forms say where they are.
 */
export function translationLink({ place, missing }: MissingTranslation, language: Language, year: number): string {
  switch (place.form) {
    case "edition":
      return `${paths.backOffice(language, year, "edition")}#${place.field}_${missing}`;
    case "session":
      return previewed(paths.session(language, year, place.id), true);
    case "supporter":
      return previewed(paths.partners(language, year), true);
    case "contact":
    case "link":
      return previewed(paths.practical(language, year), true);
    case "question":
      return previewed(paths.register(language, year), true);
  }
}
