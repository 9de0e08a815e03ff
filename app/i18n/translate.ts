import { IntlMessageFormat, type PrimitiveType } from "intl-messageformat";
import en from "./en";
import fr from "./fr";
import { locales, type Language } from "./languages";

export type MessageKey = keyof typeof en;
export type Catalogue = Record<MessageKey, string>;
export const catalogues: Record<Language, Catalogue> = { fr, en };

const compiled = new Map<string, IntlMessageFormat>();

/** The message `key` in `language`, formatted with ICU MessageFormat. */
export function translate(language: Language, key: MessageKey, values?: Record<string, PrimitiveType>): string {
  const cacheKey = `${language}\u0000${key}`;
  let format = compiled.get(cacheKey);
  if (!format) {
    format = new IntlMessageFormat(catalogues[language][key], locales[language]);
    compiled.set(cacheKey, format);
  }
  return String(format.format(values));
}

export type Translate = (key: MessageKey, values?: Record<string, PrimitiveType>) => string;

export function translator(language: Language): Translate {
  return (key, values) => translate(language, key, values);
}
