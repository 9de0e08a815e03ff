import { z } from "zod";
import { consentKinds, participantCategories, questionKinds, type ConsentKind, type Localised, type ParticipantCategory, type QuestionKind } from "~/db/schema";
import { languages } from "~/i18n/languages";

// What the settings forms carry, parsed into values and errors by field; messages are catalogue
// keys ("settings.error.…") so that the page shows them in the reader's language.

export const settingsLimits = {
  sectionTitle: 120,
  sectionBody: 4000,
  questionLabel: 300,
  questionHelp: 500,
  option: 200,
  options: 30,
  consent: 1000,
} as const;

export type FieldErrors = Record<string, string>;

/** Control characters and direction overrides, none of which belongs in a one-line text. */
const controlCharacters = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

/** Line breaks as typed in a browser (CRLF), read as LF; spaces around the text dropped. */
const normalise = (value: FormDataEntryValue | null) => String(value ?? "").replace(/\r\n?/g, "\n").trim();

/**
 * A text in both languages from `<name>_fr` and `<name>_en`; errors are keyed by those field names.
 * An edition's own texts (`perEdition`: practical sections, questions) may lack one side, a
 * translation to come (decision 0023); `required` then asks for one side at least. Consent texts
 * need both: a person consents to what they can read.
 */
function localised(
  form: FormData,
  name: string,
  options: { max: number; required: boolean; oneLine: boolean; perEdition: boolean },
  errors: FieldErrors,
): Localised {
  const value = { fr: normalise(form.get(`${name}_fr`)), en: normalise(form.get(`${name}_en`)) };
  const eitherSide = options.perEdition && (value.fr !== "" || value.en !== "");
  for (const language of languages) {
    const field = `${name}_${language}`;
    const text = value[language];
    if (options.required && !text && !eitherSide) {
      if (!options.perEdition || language === "fr") errors[field] = "settings.error.required";
    } else if (text.length > options.max) errors[field] = "settings.error.tooLong";
    else if (options.oneLine && controlCharacters.test(text)) errors[field] = "settings.error.oneLine";
  }
  return value;
}

export interface PracticalSectionInput {
  title: Localised;
  body: Localised;
}

export function parsePracticalSection(form: FormData): { values: PracticalSectionInput; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const title = localised(form, "title", { max: settingsLimits.sectionTitle, required: true, oneLine: true, perEdition: true }, errors);
  const body = localised(form, "body", { max: settingsLimits.sectionBody, required: true, oneLine: false, perEdition: true }, errors);
  return { values: { title, body }, errors };
}

export interface QuestionInput {
  kind: QuestionKind;
  label: Localised;
  help: Localised | null;
  /** The option labels, in order; empty for texts and yes/no questions. */
  options: Localised[];
  required: boolean;
  healthData: boolean;
}

/** One option a line, the French and English lists side by side and of the same length. */
function optionLines(form: FormData, language: "fr" | "en"): string[] {
  return normalise(form.get(`options_${language}`))
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
}

export function parseQuestion(form: FormData): { values: QuestionInput; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const kind = z.enum(questionKinds).safeParse(form.get("kind"));
  if (!kind.success) errors.kind = "settings.error.choose";
  const label = localised(form, "label", { max: settingsLimits.questionLabel, required: true, oneLine: true, perEdition: true }, errors);
  const help = localised(form, "help", { max: settingsLimits.questionHelp, required: false, oneLine: false, perEdition: true }, errors);
  const fr = optionLines(form, "fr");
  const en = optionLines(form, "en");
  const withOptions = kind.success && (kind.data === "choice" || kind.data === "multiple");
  let options: Localised[] = [];
  if (withOptions) {
    // One list may be left empty, its translation to come; otherwise they go line by line.
    const count = Math.max(fr.length, en.length);
    const bothGiven = fr.length > 0 && en.length > 0;
    if (count < 2) errors.options_fr = "settings.error.twoOptions";
    else if (count > settingsLimits.options) errors.options_fr = "settings.error.tooManyOptions";
    else if (bothGiven && fr.length !== en.length) errors.options_en = "settings.error.optionCount";
    else if ([...fr, ...en].some((line) => line.length > settingsLimits.option)) errors.options_fr = "settings.error.optionTooLong";
    options = Array.from({ length: count }, (_, index) => ({ fr: fr[index] ?? "", en: en[index] ?? "" }));
  }
  return {
    values: {
      kind: kind.success ? kind.data : "text",
      label,
      help: help.fr || help.en ? help : null,
      options,
      required: form.get("required") === "yes",
      healthData: form.get("health_data") === "yes",
    },
    errors,
  };
}

export type ConsentTexts = Record<ConsentKind, Localised>;

export function parseConsentTexts(form: FormData): { values: ConsentTexts; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const values = Object.fromEntries(
    consentKinds.map((kind) => [kind, localised(form, `consent_${kind}`, { max: settingsLimits.consent, required: true, oneLine: false, perEdition: false }, errors)]),
  ) as ConsentTexts;
  return { values, errors };
}

export interface RegistrationSettingsInput {
  /** `datetime-local` values, read in the edition's time zone by the operation. */
  opensAt: string;
  closesAt: string;
  capacity: number | null;
  requiresApproval: boolean;
  categoriesRequiringApproval: ParticipantCategory[];
}

const localDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

export function parseRegistrationSettings(form: FormData): { values: RegistrationSettingsInput; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const opensAt = normalise(form.get("opens_at"));
  const closesAt = normalise(form.get("closes_at"));
  if (!localDateTime.test(opensAt)) errors.opens_at = "settings.error.dateTime";
  if (!localDateTime.test(closesAt)) errors.closes_at = "settings.error.dateTime";
  const rawCapacity = normalise(form.get("capacity"));
  let capacity: number | null = null;
  if (rawCapacity) {
    if (!/^\d{1,6}$/.test(rawCapacity) || Number(rawCapacity) < 1) errors.capacity = "settings.error.capacity";
    else capacity = Number(rawCapacity);
  }
  const categories = z.array(z.enum(participantCategories)).safeParse(form.getAll("categories").map(String));
  if (!categories.success) errors.categories = "settings.error.choose";
  return {
    values: {
      opensAt,
      closesAt,
      capacity,
      requiresApproval: form.get("requires_approval") === "yes",
      categoriesRequiringApproval: categories.success ? [...new Set(categories.data)] : [],
    },
    errors,
  };
}

export interface RetentionInput {
  retentionDays: number;
  healthRetentionDays: number;
}

export function parseRetention(form: FormData): { values: RetentionInput; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const days = (name: string) => {
    const raw = normalise(form.get(name));
    if (!/^\d{1,4}$/.test(raw) || Number(raw) > 3650) {
      errors[name] = "settings.error.days";
      return 0;
    }
    return Number(raw);
  };
  const retentionDays = days("retention_days");
  const healthRetentionDays = days("health_retention_days");
  if (!errors.retention_days && !errors.health_retention_days && healthRetentionDays > retentionDays) {
    errors.health_retention_days = "settings.error.healthLonger";
  }
  return { values: { retentionDays, healthRetentionDays }, errors };
}

