import { z } from "zod";
import { locales, type Language } from "~/i18n/languages";
import { translate, type MessageKey } from "~/i18n/translate";
import { countryName } from "~/lib/format";
import { localisedString } from "~/lib/localised";

// The figures of an edition as the page, the frozen snapshots and the reports read them: counts
// only, never a name or an address. Keys (statuses, categories, countries…) are kept untranslated,
// so that a snapshot frozen once reads in either language.

const count = z.object({ key: z.string(), count: z.number().int().nonnegative() });
export type Count = z.infer<typeof count>;

const timeline = z.object({
  year: z.number().int(),
  /** The first day counted, in the edition's time zone: registration opening, or an earlier first registration. */
  opening: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** Registrations (not cancelled) by the end of each day since `opening`, the first day being 0. */
  cumulative: z.array(z.number().int().nonnegative()),
});
export type Timeline = z.infer<typeof timeline>;

const workshop = z.object({
  id: z.number().int(),
  title: z.object({ fr: z.string(), en: z.string() }),
  startsAt: z.iso.datetime(),
  capacity: z.number().int().nullable(),
  confirmed: z.number().int().nonnegative(),
  waitlisted: z.number().int().nonnegative(),
});
export type WorkshopFill = z.infer<typeof workshop>;

/** Also what a snapshot keeps as JSON: read back through this schema. */
export const editionFiguresSchema = z.object({
  year: z.number().int(),
  /** The venue's country: participants from elsewhere are foreign. */
  venueCountry: z.string().length(2),
  timeZone: z.string(),
  /** When the figures were counted. */
  asOf: z.iso.datetime(),
  /** Registrations not cancelled: what every table but the first counts. */
  total: z.number().int().nonnegative(),
  byStatus: z.array(count),
  byCategory: z.array(count),
  byOrganisationType: z.array(count),
  byLanguage: z.array(count),
  byCountry: z.array(count),
  countries: z.number().int().nonnegative(),
  /** Registrations not cancelled from another country than the venue's. */
  foreign: z.number().int().nonnegative(),
  workshops: z.array(workshop),
  timeline,
  /** The edition before, over the same days from its own opening; null for the first edition. */
  previous: timeline.nullable(),
});
export type EditionFigures = z.infer<typeof editionFiguresSchema>;

/** Share of `part` in `whole`, as a fraction; 0 of nothing is 0. */
export const share = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);

export function formatShare(fraction: number, language: Language): string {
  return new Intl.NumberFormat(language === "fr" ? "fr-FR" : "en-GB", { style: "percent", maximumFractionDigits: 1 }).format(fraction);
}

/** A seat count's fill: seats taken out of capacity, null without a limit. */
export const fillOf = (workshop: WorkshopFill) => (workshop.capacity ? workshop.confirmed / workshop.capacity : null);

/** The day `days` after `day` (YYYY-MM-DD), computed on the calendar alone (no time zone involved). */
export function addDays(day: string, days: number): string {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, date + days)).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (YYYY-MM-DD each). */
export function daysBetween(from: string, to: string): number {
  const utc = (day: string) => {
    const [year, month, date] = day.split("-").map(Number) as [number, number, number];
    return Date.UTC(year, month - 1, date);
  };
  return Math.round((utc(to) - utc(from)) / 86_400_000);
}

/** Cumulative counts per day since `opening`, up to `lastDay` included, from counts by day. */
export function cumulate(opening: string, lastDay: string, perDay: ReadonlyMap<string, number>): number[] {
  const length = Math.max(0, daysBetween(opening, lastDay)) + 1;
  const cumulative: number[] = [];
  let running = 0;
  for (let day = 0; day < length; day++) {
    running += perDay.get(addDays(opening, day)) ?? 0;
    cumulative.push(running);
  }
  return cumulative;
}

/** The value of a cumulative series on day `day` (its last value past its end); null before it starts. */
export const cumulativeAt = (series: readonly number[], day: number): number | null => (series.length === 0 ? null : (series[Math.min(day, series.length - 1)] ?? null));

export interface ComparisonRow {
  day: number;
  date: string;
  current: number | null;
  previous: number | null;
}

/**
 * The rows of the comparison table: every seventh day since opening, and the last day of the
 * current edition's curve, each with the previous edition at the same distance from its opening.
 */
export function comparisonRows(figures: Pick<EditionFigures, "timeline" | "previous">): ComparisonRow[] {
  const { timeline: current, previous } = figures;
  const last = Math.max(current.cumulative.length, 1) - 1;
  const days: number[] = [];
  for (let day = 0; day < last; day += 7) days.push(day);
  days.push(last);
  return days.map((day) => ({
    day,
    date: addDays(current.opening, day),
    current: current.cumulative[day] ?? null,
    previous: previous ? (day < previous.cumulative.length ? (previous.cumulative[day] ?? null) : null) : null,
  }));
}

/** How each kind of key reads in `language`. */
export const labels = {
  status: (key: string, language: Language) => translate(language, `registration.status.${key}` as MessageKey),
  category: (key: string, language: Language) => translate(language, `registration.category.${key}` as MessageKey),
  organisationType: (key: string, language: Language) => translate(language, `registration.organisation.${key}` as MessageKey),
  language: (key: string, language: Language) => new Intl.DisplayNames([language], { type: "language" }).of(key) ?? key,
  country: (key: string, language: Language) => countryName(key, language),
};

/** A session with sign-up as a table names it: its title and when it starts (parallel sessions share a title). */
export function workshopLabel(workshop: WorkshopFill, language: Language, timeZone: string): string {
  const when = new Intl.DateTimeFormat(locales[language], { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", timeZone }).format(new Date(workshop.startsAt));
  return `${localisedString(workshop.title, language)}, ${when}`;
}
