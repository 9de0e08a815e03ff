import { locales, type Language } from "~/i18n/languages";

// Times are shown in the edition's time zone, whatever the server's or the reader's.

const cache = new Map<string, Intl.DateTimeFormat>();
function formatter(language: Language, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${language}${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locales[language], options);
    cache.set(key, format);
  }
  return format;
}

/** A calendar day (YYYY-MM-DD) as a Date at noon UTC, so that formatting it in UTC keeps the day. */
const dayAsDate = (day: string) => new Date(`${day}T12:00:00Z`);

export function formatTime(instant: Date, language: Language, timeZone: string): string {
  return formatter(language, { hour: "2-digit", minute: "2-digit", timeZone }).format(instant);
}

export function formatDay(day: string, language: Language): string {
  return formatter(language, { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(
    dayAsDate(day),
  );
}

export function formatShortDay(day: string, language: Language): string {
  return formatter(language, { weekday: "long", day: "numeric", month: "long", timeZone: "UTC" }).format(dayAsDate(day));
}

/** The days of an edition as one range: "8–9 July 2026", "mercredi 8 et jeudi 9 juillet 2026". */
export function formatDays(days: readonly string[], language: Language): string {
  const first = days[0];
  const last = days.at(-1);
  if (!first || !last) return "";
  const format = formatter(language, { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  return first === last ? format.format(dayAsDate(first)) : format.formatRange(dayAsDate(first), dayAsDate(last));
}

export function formatDate(instant: Date, language: Language, timeZone: string): string {
  return formatter(language, { day: "numeric", month: "long", year: "numeric", timeZone }).format(instant);
}

export function formatDateTime(instant: Date, language: Language, timeZone: string): string {
  return formatter(language, { dateStyle: "long", timeStyle: "short", timeZone }).format(instant);
}

/** A country's name in `language`, from its ISO 3166 code. */
export function countryName(code: string, language: Language): string {
  return new Intl.DisplayNames([locales[language]], { type: "region" }).of(code) ?? code;
}
