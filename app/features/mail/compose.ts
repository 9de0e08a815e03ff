import type { Language } from "~/i18n/languages";
import { translate } from "~/i18n/translate";

export interface MailContent {
  language: Language;
  subject: string;
  /** Plain paragraphs; they are escaped in the HTML part. */
  paragraphs: string[];
  /**
   * Content already rendered, after the paragraphs: its HTML (which the caller made safe) and
   * its plain text. A message an organiser wrote in Markdown comes this way.
   */
  rendered?: { html: string; text: string };
  /** A button in HTML, a bare link in plain text. */
  action?: { label: string; url: string };
}

/**
 * A text someone else typed (a name), made safe to quote in an e-mail: one line, at most `max`
 * characters, and a zero-width space after each ".", ":", "/" and "@", so that neither a mail
 * reader nor the development mailbox turns "evil.example" or "https://…" into a link.
 */
export function inertText(value: string, max = 80): string {
  const oneLine = value
    .replace(/[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  const characters = [...oneLine];
  const short = characters.length > max ? `${characters.slice(0, max - 1).join("")}…` : oneLine;
  return short.replace(/[.:/@]/g, "$&\u200b");
}

const escapeHtml = (value: string) =>
  value.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;").replaceAll("'", "&#39;");

/** The plain-text and HTML parts of an e-mail, in one layout for every message of the site. */
export function composeMail(content: MailContent): { subject: string; text: string; html: string } {
  const signature = translate(content.language, "site.name");
  const colon = content.language === "fr" ? "\u202f:" : ":";
  const text = [
    ...content.paragraphs,
    ...(content.rendered ? [content.rendered.text] : []),
    ...(content.action ? [`${content.action.label}${colon}\n${content.action.url}`] : []),
    `-- \n${signature}`,
  ].join("\n\n");
  const html = `<!doctype html>
<html lang="${content.language}"><head><meta charset="utf-8"><title>${escapeHtml(content.subject)}</title></head>
<body style="font-family: system-ui, sans-serif; line-height: 1.5; color: #1b1f24; max-width: 40rem; margin: 0 auto; padding: 1rem">
${content.paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph).replaceAll("\n", "<br>")}</p>`).join("\n")}${content.rendered ? `\n${content.rendered.html}` : ""}
${
  content.action
    ? `<p><a href="${escapeHtml(content.action.url)}" style="display: inline-block; background: #0a3d62; color: #fff; padding: 0.6rem 1.2rem; border-radius: 0.4rem; text-decoration: none">${escapeHtml(content.action.label)}</a></p>
<p style="font-size: 0.9rem; color: #4a5360">${escapeHtml(content.action.url)}</p>`
    : ""
}
<p style="color: #4a5360">${escapeHtml(signature)}</p>
</body></html>`;
  return { subject: content.subject, text, html };
}
