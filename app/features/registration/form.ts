import { z } from "zod";
import {
  consentKinds,
  organisationTypes,
  participantCategories,
  type ConsentKind,
  type Localised,
  type QuestionOption,
  type QuestionKind,
} from "~/db/schema";
import type { Language } from "~/i18n/languages";
import { translate } from "~/i18n/translate";
import { countryName } from "~/lib/format";

// What a registration form carries, parsed from a form or a test; error messages are catalogue
// keys ("registration.error.…"), so that the page shows them in the reader's language.

const isoCountries = new Set(
  "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW".split(
    " ",
  ),
);

/** ISO 3166-1 alpha-2 codes, for the country list of the form. */
export const countryCodes = [...isoCountries];

/** Every country with its name in `language`, in that language's alphabetical order, for a list to choose from. */
export function countriesByName(language: Language): { code: string; name: string }[] {
  return countryCodes.map((code) => ({ code, name: countryName(code, language) })).sort((a, b) => a.name.localeCompare(b.name, language));
}

/** Languages a participant may say they speak (ISO 639-1). */
export const spokenLanguages = ["fr", "en", "es", "ar", "pt", "de", "it", "ru", "zh"] as const;

/** The longest text of each field, stated on the form before it is reached ("100 characters maximum"). */
export const maxLengths = {
  given_name: 100,
  family_name: 100,
  job_title: 200,
  phone: 40,
  organisation_name: 200,
  city: 100,
  answer: 2000,
} as const;

const text = (max: number) => z.string().trim().max(max, "registration.error.tooLong");
const requiredText = (max: number) => text(max).min(1, "registration.error.required");
/** Control characters (line breaks, tabs…) and direction overrides, none of which belongs in a name. */
const controlCharacters = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;
// A name is one line of text: it is shown in lists and e-mails, where a line break could forge lines.
const line = (max: number) => text(max).refine((value) => !controlCharacters.test(value), "registration.error.oneLine");
const requiredLine = (max: number) => line(max).min(1, "registration.error.required");

export const personFields = z.object({
  given_name: requiredLine(maxLengths.given_name),
  family_name: requiredLine(maxLengths.family_name),
  job_title: line(maxLengths.job_title).default(""),
  email: z.string().trim().toLowerCase().pipe(z.email("registration.error.email")),
  phone: text(maxLengths.phone)
    .regex(/^[+0-9 ().-]*$/, "registration.error.phone")
    .default(""),
  languages: z.array(z.enum(spokenLanguages, "registration.error.choice")).default([]),
  // A list left on "Choose…" asks for a choice, not for "filling in".
  organisation_type: z.enum(organisationTypes, "registration.error.choose"),
  organisation_name: requiredLine(maxLengths.organisation_name),
  city: line(maxLengths.city).default(""),
  country_code: z
    .string()
    .trim()
    .toUpperCase()
    .min(1, "registration.error.choose")
    .refine((code) => isoCountries.has(code), "registration.error.country"),
  category: z.enum(participantCategories, "registration.error.choose"),
  /** The days of the edition attended; none means all of them (the database keeps only the edition's). */
  days: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "registration.error.choice")).default([]),
});

export type PersonFields = z.infer<typeof personFields>;

/** What a delegation lead types to invite a colleague. */
export const invitationFields = personFields.pick({ given_name: true, family_name: true, job_title: true, email: true });
export type InvitationFields = z.infer<typeof invitationFields>;

export interface Question {
  id: number;
  kind: QuestionKind;
  options: QuestionOption[];
  required: boolean;
  health_data: boolean;
}

/** The answer a question accepts: a text, one option, several options, or yes/no. */
function answerSchema(question: Question) {
  const values = question.options.map((option) => option.value);
  const oneOf = z.string().refine((value) => values.includes(value), "registration.error.choice");
  switch (question.kind) {
    case "text":
      return question.required ? requiredText(maxLengths.answer) : text(maxLengths.answer);
    case "choice":
      return question.required ? z.string().min(1, "registration.error.choose").pipe(oneOf) : z.union([z.literal(""), oneOf]);
    case "multiple":
      return z.array(oneOf).min(question.required ? 1 : 0, "registration.error.choose");
    case "yes_no":
      return question.required ? z.enum(["yes", "no"], "registration.error.choose") : z.enum(["yes", "no", ""]);
  }
}

export type Answers = Record<number, string | string[]>;
export type FieldErrors = Record<string, string>;

const isEmpty = (value: string | string[] | undefined) => (Array.isArray(value) ? value.length === 0 : !value?.trim());

/**
 * Checks the answers to an edition's questions. Health-data questions are answered only with the
 * explicit health-data consent: without it, an answer is refused on its field (the form shows it
 * again, as typed, beside the consent), never stored nor silently dropped; left empty, the
 * question is simply not answered.
 */
export function parseAnswers(
  questions: readonly Question[],
  raw: Answers,
  healthConsent: boolean,
): { answers: Answers; errors: FieldErrors } {
  const answers: Answers = {};
  const errors: FieldErrors = {};
  for (const question of questions) {
    const value = raw[question.id] ?? (question.kind === "multiple" ? [] : "");
    if (question.health_data && !healthConsent) {
      if (!isEmpty(value)) errors[`q${question.id}`] = "registration.error.healthConsent";
      continue;
    }
    const result = answerSchema(question).safeParse(value);
    if (!result.success) errors[`q${question.id}`] = result.error.issues[0]?.message ?? "registration.error.required";
    else if (result.data !== "" && !(Array.isArray(result.data) && result.data.length === 0)) answers[question.id] = result.data;
  }
  return { answers, errors };
}

export type Consents = Record<ConsentKind, boolean>;

/** Consents are given only by a ticked box: anything else is a refusal. */
export function parseConsents(form: FormData): Consents {
  return Object.fromEntries(consentKinds.map((kind) => [kind, form.get(`consent_${kind}`) === "yes"])) as Consents;
}

function fieldErrors(issues: z.core.$ZodIssue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const field = String(issue.path[0]);
    errors[field] ??= issue.message.startsWith("registration.error.") ? issue.message : "registration.error.required";
  }
  return errors;
}

/** Reads the invitation fields of a form, returning values to show again and errors by field. */
export function parseInvitationFields(form: FormData): { values?: InvitationFields; errors: FieldErrors } {
  const result = invitationFields.safeParse({
    given_name: form.get("given_name") ?? "",
    family_name: form.get("family_name") ?? "",
    job_title: form.get("job_title") ?? "",
    email: form.get("email") ?? "",
  });
  return result.success ? { values: result.data, errors: {} } : { errors: fieldErrors(result.error.issues) };
}

/** Reads the person fields of a form, returning values to show again and errors by field. */
export function parsePersonFields(form: FormData): { values?: PersonFields; errors: FieldErrors } {
  const result = personFields.safeParse({
    given_name: form.get("given_name") ?? "",
    family_name: form.get("family_name") ?? "",
    job_title: form.get("job_title") ?? "",
    email: form.get("email") ?? "",
    phone: form.get("phone") ?? "",
    languages: form.getAll("languages"),
    organisation_type: form.get("organisation_type") ?? "",
    organisation_name: form.get("organisation_name") ?? "",
    city: form.get("city") ?? "",
    country_code: form.get("country_code") ?? "",
    category: form.get("category") ?? "",
    days: form.getAll("days"),
  });
  const errors = result.success ? {} : fieldErrors(result.error.issues);
  // The form offers days only to an edition of several; there, at least one is chosen.
  if (form.has("days_offered") && form.getAll("days").length === 0) errors.days ??= "registration.error.chooseDay";
  return result.success && Object.keys(errors).length === 0 ? { values: result.data, errors } : { errors };
}

/** The raw answers of a form: `q<id>` fields, several values for multiple-choice questions. */
export function readAnswers(form: FormData, questions: readonly Question[]): Answers {
  return Object.fromEntries(
    questions.map((question) => {
      const name = `q${question.id}`;
      const values = form.getAll(name).map(String);
      return [question.id, question.kind === "multiple" ? values : (values[0] ?? "")];
    }),
  );
}

/** Every value of a form, to show it again: single values as strings, repeated ones as lists. */
export function formValues(form: FormData): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const key of new Set(form.keys())) {
    const all = form.getAll(key).map(String);
    values[key] = all.length > 1 || key === "languages" || key === "days" ? all : (all[0] ?? "");
  }
  return values;
}

/**
 * The exact consent texts the edition's form shows in `language`, recorded with each decision;
 * the catalogue's for a kind the edition has no text of.
 */
export function consentTexts(edition: { consent_texts: Partial<Record<ConsentKind, Localised>> }, language: Language): Record<ConsentKind, string> {
  return Object.fromEntries(
    consentKinds.map((kind) => [kind, edition.consent_texts[kind]?.[language] || translate(language, `registration.consent.${kind}`)]),
  ) as Record<ConsentKind, string>;
}
