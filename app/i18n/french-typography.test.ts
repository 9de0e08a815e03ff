import { IntlMessageFormat } from "intl-messageformat";
import { describe, expect, it } from "vitest";
import { composeMail } from "~/features/mail/compose";
import { catalogues } from "./translate";

const narrow = "\u202f";

type Element = { type: number; value?: string; options?: Record<string, { value: Element[] }> };

/**
 * The literal texts of a message, ICU syntax (arguments, plural and select options) left out.
 * An argument is replaced by "{}", so that a rule sees what stands before a mark: "{name} :" is
 * a mistake, like "Nom :".
 */
function textsOf(elements: Element[]): string[] {
  let current = "";
  const nested: string[] = [];
  for (const element of elements) {
    if (element.type === 0) current += element.value ?? "";
    else {
      current += "{}";
      for (const option of Object.values(element.options ?? {})) nested.push(...textsOf(option.value));
    }
  }
  return [current, ...nested];
}

/** The French typography rules a text breaks, each as a short description with its context. */
function typographyMistakes(text: string): string[] {
  const mistakes: string[] = [];
  const around = (index: number) => JSON.stringify(text.slice(Math.max(0, index - 12), index + 12));
  for (const match of text.matchAll(/[:;!?]/g)) {
    const index = match.index;
    const before = text[index - 1] ?? "";
    const after = text.slice(index + 1);
    // Not punctuation of the sentence: "https://", "mailto:x", a time "09:30".
    const url = match[0] === ":" && (after.startsWith("//") || /mailto$/.test(text.slice(0, index)));
    const time = match[0] === ":" && /\d/.test(before) && /^\d/.test(after);
    if (!url && !time && before !== narrow) mistakes.push(`"${match[0]}" without U+202F before it in ${around(index)}`);
  }
  for (const match of text.matchAll(/["“”]/g)) mistakes.push(`quote ${match[0]} instead of « » in ${around(match.index)}`);
  for (const match of text.matchAll(/«(?!\u202f)/g)) mistakes.push(`« without U+202F after it in ${around(match.index)}`);
  for (const match of text.matchAll(/(?<!\u202f)»/g)) mistakes.push(`» without U+202F before it in ${around(match.index)}`);
  // Elision before a vowel: "de atelier", "le inscription", "que il"; but not before "ou" or
  // the preposition "à" ("ce à quoi").
  for (const match of text.matchAll(/(?<![\p{L}])(de|le|la|je|me|te|se|ne|que|ce) (?!ou\b|à )(?=[aeiouyéèêàâîôû])/giu))
    mistakes.push(`"${match[0]}" not elided in ${around(match.index)}`);
  return mistakes;
}

describe("French typography", () => {
  it("finds the mistakes it is meant to find, and only those", () => {
    expect(typographyMistakes("Salle : {}")).toHaveLength(1);
    expect(typographyMistakes("Salle: {}")).toHaveLength(1);
    expect(typographyMistakes("{}\u00a0?")).toHaveLength(1);
    expect(typographyMistakes('le "programme"')).toHaveLength(2);
    expect(typographyMistakes("« programme »")).toHaveLength(2);
    expect(typographyMistakes("inscription de atelier")).toHaveLength(1);
    expect(
      typographyMistakes(`Salle\u202f: à 09:30, voir https://example.org ou mailto:a@b.fr\u202f; «\u202fici\u202f»\u202f!`),
    ).toEqual([]);
  });

  it("is followed by every French interface text, in its literal parts", () => {
    const mistakes = Object.entries(catalogues.fr).flatMap(([key, message]) =>
      textsOf(new IntlMessageFormat(message, "fr").getAst() as Element[]).flatMap((text) =>
        typographyMistakes(text).map((mistake) => `${key}: ${mistake}`),
      ),
    );
    expect(mistakes).toEqual([]);
  });

  it("is followed by the layout of a French e-mail", () => {
    const mail = composeMail({
      language: "fr",
      subject: "Objet",
      paragraphs: ["Bonjour,"],
      action: { label: "Ouvrir", url: "https://example.org/fr" },
    });
    expect(typographyMistakes(mail.text.replace("https://example.org/fr", ""))).toEqual([]);
  });
});
