import type { ElementType } from "react";
import type { Localised as LocalisedValue } from "~/db/schema";
import type { Language } from "~/i18n/languages";
import { paragraphs } from "./plain-text";
import { useLanguage } from "./use-language";

/**
 * The text of `value` to show in `language`, and the language it is really in: a text not yet
 * translated shows the other language (a draft published with missing translations), never an
 * empty space. Calendar files and e-mails take `text` alone; pages mark `lang` (WCAG 3.1.2).
 */
export function localisedText(value: LocalisedValue, language: Language): { text: string; lang: Language } {
  if (value[language] !== "") return { text: value[language], lang: language };
  const other: Language = language === "fr" ? "en" : "fr";
  return { text: value[other], lang: other };
}

/** The plain text of `value` in `language`, or in the other one when it is missing. */
export function localisedString(value: LocalisedValue, language: Language): string {
  return localisedText(value, language).text;
}

interface LocalisedProps {
  value: LocalisedValue;
  as?: ElementType;
  className?: string;
}

/** What `Localised` renders on a page in `language` (apart, to be rendered without a router). */
export function LocalisedIn({ value, language, as, className }: LocalisedProps & { language: Language }) {
  const { text, lang } = localisedText(value, language);
  // Without `as`, a text in the page's language needs no element of its own.
  if (!as && !className && lang === language) return <>{text}</>;
  const Element = as ?? "span";
  return (
    <Element lang={lang === language ? undefined : lang} className={className}>
      {text}
    </Element>
  );
}

/**
 * A localised text in the page's language; one in the other language, when its translation is
 * missing, inside an element carrying that language's `lang`.
 */
export function Localised(props: LocalisedProps) {
  return <LocalisedIn {...props} language={useLanguage()} />;
}

/** An organiser's plain text of several paragraphs (separated by blank lines), each a <p>. */
export function LocalisedParagraphsIn({ value, language, className }: { value: LocalisedValue; language: Language; className?: string }) {
  const { text, lang } = localisedText(value, language);
  const body = paragraphs(text).map((paragraph, index) => (
    <p key={index} className={className}>
      {paragraph}
    </p>
  ));
  return lang === language ? <>{body}</> : <div lang={lang}>{body}</div>;
}

export function LocalisedParagraphs(props: { value: LocalisedValue; className?: string }) {
  return <LocalisedParagraphsIn {...props} language={useLanguage()} />;
}

/**
 * A sentence of the interface around a localised text (quotes around a theme, say): `around`
 * writes the sentence with the placeholder it is given, which the text then replaces.
 */
export function LocalisedAround({ value, around, as, className }: LocalisedProps & { around: (placeholder: string) => string }) {
  const marker = "\u0000";
  const [before = "", after = ""] = around(marker).split(marker);
  const Element = as ?? "span";
  return (
    <Element className={className}>
      {before}
      <Localised value={value} />
      {after}
    </Element>
  );
}
