import type { Language } from "./languages";

// French elides "de" before a vowel or a mute h: "d'Amina", "d'Hélène", "d'Yves", but "de Paul",
// "de Yannick" (a y before a vowel is a consonant). An aspirated h cannot be told from a mute one
// by its spelling; names starting with h are taken as mute, the more common case.
const elidesBefore = /^(?:[aeiouæœàâäéèêëîïôöùûüh]|y[^aeiouyàâäéèêëîïôöùûü])/iu;

const frenchDe = (name: string) => (elidesBefore.test(name.normalize("NFC")) ? `d'${name}` : `de ${name}`);

/**
 * A person's name as the owner of something, to put before (English) or after (French) the thing
 * owned: "Amina Diallo's" / "d'Amina Diallo", "Paul Durand's" / "de Paul Durand".
 */
export function possessiveName(language: Language, name: string): string {
  const trimmed = name.trim();
  if (language === "en") return `${trimmed}'s`;
  return frenchDe(trimmed);
}

/** A name after "of" or "de": "of Amiens" / "d'Amiens", "of Ville de Lyon" / "de Ville de Lyon". */
export function ofName(language: Language, name: string): string {
  const trimmed = name.trim();
  return language === "en" ? `of ${trimmed}` : frenchDe(trimmed);
}
