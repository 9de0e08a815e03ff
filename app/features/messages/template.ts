import MarkdownIt from "markdown-it";
import { Temporal } from "temporal-polyfill";
import { instantAt } from "~/features/calendar/zoned-time";
import { inertText } from "~/features/mail/compose";

/**
 * What a message's text may name, each replaced by the recipient's own value: in the body (Markdown)
 * every one, in the subject (one line of plain text) those that fit on one line.
 */
export const placeholders = ["name", "first_name", "agenda", "registration_link", "edition"] as const;
export type Placeholder = (typeof placeholders)[number];
export const subjectPlaceholders = ["name", "first_name", "edition"] as const satisfies readonly Placeholder[];

export const subjectMaxLength = 200;
export const bodyMaxLength = 20_000;

/** A `{word}` of the text that is not one of `allowed`, each once, in the order found. */
export function unknownPlaceholders(text: string, allowed: readonly string[]): string[] {
  const found = [...text.matchAll(/\{([^{}\s]{1,40})\}/gu)].map((match) => match[1]!).filter((name) => !allowed.includes(name));
  return [...new Set(found)];
}

/** One recipient's values: texts someone typed (names) are made inert by the renderer. */
export interface RecipientValues {
  name: string;
  firstName: string;
  edition: string;
  /** Their space, where they sign in and see their registration. */
  registrationLink: string;
  /** Their agenda, one line per session; empty when they have none. */
  agenda: string[];
  /** Said in place of an empty agenda. */
  emptyAgenda: string;
}

/** Every ASCII punctuation character can be escaped with a backslash in CommonMark. */
const escapeMarkdown = (value: string) => value.replace(/[!-/:-@[-`{-~]/g, "\\$&");

const markdown = new MarkdownIt("default", { html: false, linkify: false, typographer: false });
// Images would load from anywhere when the mail is opened (tracking pixels): none.
markdown.disable(["image"]);
// Links go to the web or to an address, never to a script or a file.
markdown.validateLink = (url: string) => /^(https?:\/\/|mailto:)/i.test(url.trim());

function substitute(text: string, replace: (name: Placeholder) => string): string {
  return text.replace(/\{(name|first_name|agenda|registration_link|edition)\}/g, (_, name: Placeholder) => replace(name));
}

/** The subject for one recipient: one line, the values made inert. */
export function renderSubject(subject: string, values: RecipientValues): string {
  const line = substitute(subject, (name) =>
    name === "name" ? inertText(values.name) : name === "first_name" ? inertText(values.firstName) : name === "edition" ? values.edition : "",
  );
  return line.replace(/\s+/g, " ").trim();
}

/**
 * The body for one recipient, as HTML (Markdown rendered without raw HTML, links only to the web
 * or an address, no images) and as plain text (the Markdown as written). Values are substituted
 * escaped, so that a name such as `<img src=x onerror=…>`, `=HYPERLINK(…)` or `[x](javascript:…)`
 * reads as the text it is and never as markup, a link or a formula.
 */
export function renderBody(body: string, values: RecipientValues): { html: string; text: string } {
  const agendaLines = values.agenda.length > 0 ? values.agenda : [values.emptyAgenda];
  const inMarkdown = (name: Placeholder) => {
    switch (name) {
      case "name":
        return escapeMarkdown(inertText(values.name));
      case "first_name":
        return escapeMarkdown(inertText(values.firstName));
      case "edition":
        return escapeMarkdown(values.edition);
      case "registration_link":
        return `<${values.registrationLink}>`;
      case "agenda":
        return `\n\n${agendaLines.map((line) => (values.agenda.length > 0 ? `- ${escapeMarkdown(line)}` : escapeMarkdown(line))).join("\n")}\n\n`;
    }
  };
  // A link's target written as the placeholder takes the address itself.
  const linked = body.replaceAll("]({registration_link})", `](${values.registrationLink})`);
  const html = markdown.render(substitute(linked, inMarkdown));
  const text = substitute(body, (name) => {
    switch (name) {
      case "name":
        return inertText(values.name);
      case "first_name":
        return inertText(values.firstName);
      case "edition":
        return values.edition;
      case "registration_link":
        return values.registrationLink;
      case "agenda":
        return `\n${agendaLines.map((line) => (values.agenda.length > 0 ? `- ${line}` : line)).join("\n")}\n`;
    }
  });
  return { html, text: text.replace(/\r\n?/g, "\n").trim() };
}

// --- Reminders --------------------------------------------------------------------------------

export const reminderAnchors = ["start", "end"] as const;
export type ReminderAnchor = (typeof reminderAnchors)[number];

export interface ReminderTiming {
  anchor: ReminderAnchor;
  /** Days after the first (start) or last (end) day of the edition; negative before. */
  offsetDays: number;
  /** "HH:MM" on the edition's clock. */
  time: string;
}

/** A reminder later than this after its time is not sent but marked missed. */
export const reminderGraceMs = 24 * 3600_000;

/** When a reminder is due: its day counted from the edition's first or last day, at its time on the edition's clock. */
export function reminderDueAt(edition: { days: readonly string[]; time_zone: string }, timing: ReminderTiming): Date | null {
  const anchorDay = timing.anchor === "start" ? edition.days[0] : edition.days.at(-1);
  if (!anchorDay) return null;
  const day = Temporal.PlainDate.from(anchorDay).add({ days: timing.offsetDays }).toString();
  return instantAt(`${day}T${timing.time}`, edition.time_zone);
}
