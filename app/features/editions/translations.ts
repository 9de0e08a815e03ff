import type { Localised } from "~/db/schema";
import type { Language } from "~/i18n/languages";

// A draft may hold a text in one language only: the missing side is an empty string (migration
// 0012, decision 0023). These rules find such texts; the published site shows the other language.

/** The language a localised text lacks, if it lacks one (a text empty in both is no text). */
export function missingLanguage(value: Localised | null | undefined): Language | undefined {
  if (!value) return undefined;
  if (value.fr === "" && value.en !== "") return "fr";
  if (value.en === "" && value.fr !== "") return "en";
  return undefined;
}

/** Where a missing translation is: which form holds it, and which of its fields. */
export type TranslationPlace =
  | { form: "edition"; field: "title" | "theme" | "summary" | "honour_text" }
  | { form: "session"; id: number; field: "title" | "description" }
  | { form: "question"; id: number; field: "label" | "help" | "option" }
  | { form: "supporter"; id: number; field: "name" | "acronym" | "note" }
  | { form: "practical"; id: number; field: "title" | "body" }
  | { form: "contact"; id: number; field: "role" }
  | { form: "link"; id: number; field: "label" };

export interface MissingTranslation {
  place: TranslationPlace;
  /** The language to fill in. */
  missing: Language;
  /** The text as it stands in the other language, to say which one it is. */
  text: string;
}

/** One missing translation for `value`, if it lacks a side. */
export function missingAt(place: TranslationPlace, value: Localised | null | undefined): MissingTranslation[] {
  const missing = missingLanguage(value);
  if (!missing || !value) return [];
  return [{ place, missing, text: value[missing === "fr" ? "en" : "fr"] }];
}

/** A localised value from two form fields, trimmed; undefined when both are empty. */
export function localisedFrom(fr: string, en: string): Localised | undefined {
  const value = { fr: fr.trim(), en: en.trim() };
  return value.fr === "" && value.en === "" ? undefined : value;
}
