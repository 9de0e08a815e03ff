/** Paragraphs of an organiser's plain text: blank lines separate them, each kept as typed. */
export function paragraphs(text: string): string[] {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean);
}

/** An organiser's plain text as paragraphs; React escapes every character, so no markup runs. */
export function PlainText({ text, className, lang }: { text: string; className?: string; lang?: string }) {
  return (
    <>
      {paragraphs(text).map((paragraph, index) => (
        <p key={index} className={className} lang={lang}>
          {paragraph}
        </p>
      ))}
    </>
  );
}
