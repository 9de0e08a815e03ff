import { z } from "zod";
import { organisationTypes, participantCategories, registrationStatuses } from "~/db/schema";
import { languages } from "~/i18n/languages";

/**
 * A filter of an edition's registrations, as the table's URL carries it and as a segment keeps it:
 * words to search, and conditions on fields, each "one of these values" (include) or "none of
 * these" (exclude, the NOT), combined all together (AND) or any of them (OR). A condition on a
 * saved segment nests one filter in another, so that any combination can be built and named.
 */
export interface RegistrationFilter {
  /** Words found in the name, organisation, e-mail, city or reference; always required. */
  q: string;
  match: "all" | "any";
  include: Partial<Record<FilterField, string[]>>;
  exclude: Partial<Record<FilterField, string[]>>;
}

export const filterFields = [
  "status",
  "category",
  "organisation_type",
  "country",
  "origin",
  "language",
  "workshop",
  "day",
  "delegation",
  "answer",
  "checked_in",
  "segment",
  "registration",
] as const;
export type FilterField = (typeof filterFields)[number];

/** The longest search kept, and the most values a condition holds. */
export const searchMaxLength = 200;
const maxValues = 100;

const positiveId = /^[1-9][0-9]{0,8}$/;
/** Which values each field accepts; anything else in a URL is dropped. */
const accepted: Record<FilterField, (value: string) => boolean> = {
  status: (value) => (registrationStatuses as readonly string[]).includes(value),
  category: (value) => (participantCategories as readonly string[]).includes(value),
  organisation_type: (value) => (organisationTypes as readonly string[]).includes(value),
  country: (value) => /^[A-Z]{2}$/.test(value),
  /** From the venue's country, or from abroad. */
  origin: (value) => value === "domestic" || value === "foreign",
  /** The language the person reads the site and e-mails in. */
  language: (value) => (languages as readonly string[]).includes(value),
  /** Holds a confirmed seat in this session, or in any ("any"). */
  workshop: (value) => value === "any" || positiveId.test(value),
  /** Attends this day of the edition. */
  day: (value) => /^\d{4}-\d{2}-\d{2}$/.test(value),
  /** In no delegation, in one, leading one, or in this one (its id). */
  delegation: (value) => ["none", "any", "lead"].includes(value) || positiveId.test(value),
  /** "<question id>:<option value>", or "<question id>:*" for any answer. */
  answer: (value) => /^[1-9][0-9]{0,8}:.{1,120}$/u.test(value),
  checked_in: (value) => value === "yes" || value === "no",
  /** Matches this saved segment. */
  segment: (value) => positiveId.test(value),
  /** Is this registration (rows ticked in the table, for a message to them). */
  registration: (value) => positiveId.test(value),
};

export const emptyFilter: RegistrationFilter = { q: "", match: "all", include: {}, exclude: {} };

function cleanValues(field: FilterField, values: readonly string[]): string[] {
  return [...new Set(values.map((value) => value.trim()).filter((value) => value !== "" && accepted[field](value)))].slice(0, maxValues);
}

function cleanConditions(raw: (field: FilterField) => readonly string[]): Partial<Record<FilterField, string[]>> {
  const conditions: Partial<Record<FilterField, string[]>> = {};
  for (const field of filterFields) {
    const values = cleanValues(field, raw(field));
    if (values.length > 0) conditions[field] = values;
  }
  return conditions;
}

/** The search as kept: one line, spaces collapsed, at most `searchMaxLength` characters. */
export function cleanSearch(value: string): string {
  return value.replace(/\s+/gu, " ").trim().slice(0, searchMaxLength);
}

/** The filter in a URL's parameters: `q`, `match`, each field's values and `not_<field>`'s. Never throws. */
export function parseFilter(params: URLSearchParams): RegistrationFilter {
  return {
    q: cleanSearch(params.get("q") ?? ""),
    match: params.get("match") === "any" ? "any" : "all",
    include: cleanConditions((field) => params.getAll(field)),
    exclude: cleanConditions((field) => params.getAll(`not_${field}`)),
  };
}

/** The URL parameters of a filter, in a fixed order (the same filter, the same address). */
export function filterSearchParams(filter: RegistrationFilter): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.q) params.set("q", filter.q);
  if (filter.match === "any") params.set("match", "any");
  for (const field of filterFields) for (const value of filter.include[field] ?? []) params.append(field, value);
  for (const field of filterFields) for (const value of filter.exclude[field] ?? []) params.append(`not_${field}`, value);
  return params;
}

/** Whether the filter keeps every registration. */
export function isEmptyFilter(filter: RegistrationFilter): boolean {
  return !filter.q && Object.keys(filter.include).length === 0 && Object.keys(filter.exclude).length === 0;
}

const conditionsSchema = z.record(z.string(), z.array(z.string()).max(maxValues)).transform((raw) => cleanConditions((field) => raw[field] ?? []));

/** A filter kept as JSON (a saved segment), checked and cleaned as a URL's would be. */
export const registrationFilterSchema = z.object({
  q: z.string().max(searchMaxLength * 2).default("").transform(cleanSearch),
  match: z.enum(["all", "any"]).default("all"),
  include: conditionsSchema.default({}),
  exclude: conditionsSchema.default({}),
});

/** The segments a filter names, directly. */
export function referencedSegments(filter: RegistrationFilter): number[] {
  return [...(filter.include.segment ?? []), ...(filter.exclude.segment ?? [])].map(Number);
}
