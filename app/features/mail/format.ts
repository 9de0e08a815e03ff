import { locales, type Language } from "~/i18n/languages";
import { joinParts } from "~/lib/format";

/** An instant with its date, time and zone, in UTC: the mailbox belongs to no edition. */
export function formatInstant(instant: Date, language: Language): string {
  const format = new Intl.DateTimeFormat(locales[language], {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    timeZone: "UTC",
    timeZoneName: "short",
  });
  return joinParts(format.formatToParts(instant), language);
}
