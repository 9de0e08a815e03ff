import { IntlMessageFormat } from "intl-messageformat";
import { describe, expect, it } from "vitest";
import { catalogues } from "./translate";
import { languages } from "./languages";

type Element = { type: number; value?: string; options?: Record<string, { value: Element[] }> };

/** The names of the arguments a message uses, nested ones included. */
function argumentsOf(elements: Element[]): string[] {
  return elements.flatMap((element) => [
    ...(element.value !== undefined && element.type !== 0 ? [element.value] : []),
    ...Object.values(element.options ?? {}).flatMap((option) => argumentsOf(option.value)),
  ]);
}

describe("interface catalogues", () => {
  const keys = (language: (typeof languages)[number]) => Object.keys(catalogues[language]).sort();

  it("have exactly the same keys in French and English", () => {
    expect(keys("fr")).toEqual(keys("en"));
  });

  it.each(languages)("have a non-empty, valid message for every key in %s", (language) => {
    for (const [key, message] of Object.entries(catalogues[language])) {
      expect(message.trim(), key).not.toBe("");
      expect(() => new IntlMessageFormat(message, language), key).not.toThrow();
    }
  });

  it("use the same arguments in both languages", () => {
    for (const key of keys("en") as (keyof (typeof catalogues)["en"])[]) {
      const [fr, en] = (["fr", "en"] as const).map((language) =>
        argumentsOf(new IntlMessageFormat(catalogues[language][key], language).getAst() as Element[]).sort(),
      );
      expect(fr, key).toEqual(en);
    }
  });
});
