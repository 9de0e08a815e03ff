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

/** Formatted parts joined, with French "1er" for the first day of a month ("1er juillet", not "1 juillet"). */
export function joinParts(parts: readonly Intl.DateTimeFormatPart[], language: Language): string {
  return parts.map((part) => (language === "fr" && part.type === "day" && part.value === "1" ? "1er" : part.value)).join("");
}

function format(language: Language, options: Intl.DateTimeFormatOptions, instant: Date): string {
  return joinParts(formatter(language, options).formatToParts(instant), language);
}

/** A calendar day (YYYY-MM-DD) as a Date at noon UTC, so that formatting it in UTC keeps the day. */
const dayAsDate = (day: string) => new Date(`${day}T12:00:00Z`);

export function formatTime(instant: Date, language: Language, timeZone: string): string {
  return formatter(language, { hour: "2-digit", minute: "2-digit", timeZone }).format(instant);
}

export function formatDay(day: string, language: Language): string {
  return format(language, { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }, dayAsDate(day));
}

export function formatShortDay(day: string, language: Language): string {
  return format(language, { weekday: "long", day: "numeric", month: "long", timeZone: "UTC" }, dayAsDate(day));
}

/** The days of an edition as one range: "8–9 July 2026", "mercredi 8 et jeudi 9 juillet 2026". */
export function formatDays(days: readonly string[], language: Language): string {
  const first = days[0];
  const last = days.at(-1);
  if (!first || !last) return "";
  const options: Intl.DateTimeFormatOptions = { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" };
  if (first === last) return format(language, options, dayAsDate(first));
  return joinParts(formatter(language, options).formatRangeToParts(dayAsDate(first), dayAsDate(last)), language);
}

export function formatDate(instant: Date, language: Language, timeZone: string): string {
  return format(language, { day: "numeric", month: "long", year: "numeric", timeZone }, instant);
}

export function formatDateTime(instant: Date, language: Language, timeZone: string): string {
  return format(language, { dateStyle: "long", timeStyle: "short", timeZone }, instant);
}

// Made once per language: building one costs more than naming a country with it.
const regionNames = new Map<Language, Intl.DisplayNames>();

/** A country's name in `language`, from its ISO 3166 code. */
export function countryName(code: string, language: Language): string {
  let names = regionNames.get(language);
  if (!names) {
    names = new Intl.DisplayNames([locales[language]], { type: "region" });
    regionNames.set(language, names);
  }
  return names.of(code) ?? code;
}
