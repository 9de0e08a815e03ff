import { z } from "zod";
import type { Localised } from "~/db/schema";
import type { MessageKey } from "~/i18n/translate";
import { localisedFrom } from "./translations";

// The edition's own fields as its back-office form sends them: each text in French and English
// (`title_fr`, `title_en`…), the days as dates in order (`day`, repeated), and the rest.

export const localisedFields = ["title", "theme", "summary", "honour_text"] as const;
export type LocalisedField = (typeof localisedFields)[number];

/** Longest text accepted per field, said beside the field before it is reached. */
export const maxLengths: Record<LocalisedField, number> = { title: 200, theme: 300, summary: 4000, honour_text: 4000 };

export interface EditionInput {
  title: Localised;
  theme: Localised;
  summary: Localised;
  honourText: Localised | null;
  hashtag: string | null;
  honouredCountryCode: string | null;
  timeZone: string;
  /** The days in order, as YYYY-MM-DD; positionally matched with the days already there. */
  days: string[];
}

export type EditionFormErrors = Partial<Record<string, MessageKey>>;

function validTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return zone.includes("/") || zone === "UTC";
  } catch {
    return false;
  }
}

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value));

/** The edition form's values, or the message of each field in error. */
export function parseEditionForm(form: FormData): { values?: EditionInput; errors: EditionFormErrors } {
  const errors: EditionFormErrors = {};
  const text = (name: string) => String(form.get(name) ?? "");
  const localised: Partial<Record<LocalisedField, Localised | undefined>> = {};
  for (const field of localisedFields) {
    const fr = text(`${field}_fr`);
    const en = text(`${field}_en`);
    if (fr.length > maxLengths[field] || en.length > maxLengths[field]) {
      errors[`${field}_${fr.length > maxLengths[field] ? "fr" : "en"}`] = "editions.error.tooLong";
      continue;
    }
    localised[field] = localisedFrom(fr, en);
    if (!localised[field] && field !== "honour_text") errors[`${field}_fr`] = "editions.error.textRequired";
  }
  const hashtag = text("hashtag").trim().replace(/^#/, "");
  if (hashtag !== "" && !/^[\p{L}\p{N}_]{1,60}$/u.test(hashtag)) errors.hashtag = "editions.error.hashtag";
  const country = text("honoured_country_code").trim().toUpperCase();
  if (country !== "" && !/^[A-Z]{2}$/.test(country)) errors.honoured_country_code = "editions.error.country";
  const timeZone = text("time_zone").trim();
  if (!validTimeZone(timeZone)) errors.time_zone = "editions.error.timeZone";
  const days = form
    .getAll("day")
    .map((value) => String(value).trim())
    .filter((value) => value !== "");
  if (days.length === 0) errors["day-0"] = "editions.error.noDay";
  days.forEach((day, index) => {
    if (!isoDay.safeParse(day).success) errors[`day-${index}`] = "editions.error.day";
    else if (index > 0 && day <= (days[index - 1] ?? "")) errors[`day-${index}`] = "editions.error.dayOrder";
  });
  if (Object.keys(errors).length > 0) return { errors };
  return {
    errors,
    values: {
      title: localised.title as Localised,
      theme: localised.theme as Localised,
      summary: localised.summary as Localised,
      honourText: localised.honour_text ?? null,
      hashtag: hashtag === "" ? null : hashtag,
      honouredCountryCode: country === "" ? null : country,
      timeZone,
      days,
    },
  };
}

/** What a copy into the next edition needs: its year, number and first day. */
export const copySchema = z.object({
  year: z.coerce.number().int().min(1900).max(2200),
  number: z.coerce.number().int().min(1).max(10000),
  first_day: isoDay,
});
export type CopyInput = z.infer<typeof copySchema>;

export function parseCopyForm(form: FormData): { values?: CopyInput; errors: EditionFormErrors } {
  const parsed = copySchema.safeParse(Object.fromEntries(["year", "number", "first_day"].map((name) => [name, form.get(name) ?? ""])));
  if (parsed.success) return { values: parsed.data, errors: {} };
  const errors: EditionFormErrors = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0]);
    errors[`copy_${field}`] = field === "first_day" ? "editions.error.day" : field === "year" ? "editions.error.year" : "editions.error.number";
  }
  return { errors };
}
