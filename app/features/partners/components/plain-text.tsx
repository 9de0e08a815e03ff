import { paragraphs } from "../partners";

/** An organiser's plain text, its blank lines kept as paragraphs; React escapes every character. */
export function PlainText({ text, lang }: { text: string; lang?: string }) {
  return (
    <>
      {paragraphs(text).map((paragraph, index) => (
        <p key={index} lang={lang}>
          {paragraph}
        </p>
      ))}
    </>
  );
}
