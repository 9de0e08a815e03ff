import type { Language } from "~/i18n/languages";
import type { MessageKey } from "~/i18n/translate";
import { paths } from "~/lib/paths";
import { previewed } from "./components/preview-banner";
import type { MissingTranslation, TranslationPlace } from "./translations";

/**
 * Where an organiser fills in a missing translation: the empty field of the form holding the text
 * (each form marks it, `BilingualFields`). A supporter's form is folded away: `open` unfolds it.
 * Contacts and links have no form yet: their link leads to the page showing them, previewed.
 */
export function translationLink({ place, missing }: MissingTranslation, language: Language, year: number): string {
  const field = (id: string) => `#${id}_${missing}`;
  switch (place.form) {
    case "edition":
      return paths.backOffice(language, year, "edition") + field(place.field);
    case "session":
      return paths.programmeSession(language, year, place.id) + field(place.field);
    case "question":
      return paths.backOffice(language, year, "questions") + field(`question-${place.id}-${place.field === "option" ? "options" : place.field}`);
    case "supporter":
      return `${paths.backOffice(language, year, "partners")}?open=supporter-${place.id}` + field(`supporter-${place.id}-${place.field}`);
    case "practical":
      return paths.backOffice(language, year, "practical") + field(`section-${place.id}-${place.field}`);
    case "contact":
    case "link":
      return previewed(paths.practical(language, year), true);
  }
}

/** The name of the field of a place, as the list of missing translations says it. */
export function placeFieldLabel(place: TranslationPlace): MessageKey {
  switch (place.field) {
    case "title":
    case "theme":
    case "summary":
    case "honour_text":
      return `editions.edit.field.${place.field}`;
    default:
      return `editions.translations.field.${place.field}`;
  }
}
