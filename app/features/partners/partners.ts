import type { Localised, SupporterRole } from "~/db/schema";
import { countryCodes } from "~/features/registration/form";

// What the partners editor's forms carry, read from FormData: localised texts in pairs of fields
// (`name_fr`, `name_en`), a website that can only be an http(s) address. Errors are catalogue keys.

export const supporterRoles = ["organiser", "support", "funder", "partner", "media"] as const satisfies readonly SupporterRole[];

export const partnerLimits = { name: 200, acronym: 40, note: 1000, website: 500, relayName: 200, relayed: 1000, honourText: 2000 } as const;

export type PartnerFieldErrors = Record<string, "partners.error.required" | "partners.error.bothLanguages" | "partners.error.tooLong" | "partners.error.website" | "partners.error.role" | "partners.error.country">;

export interface SupporterFields {
  name: Localised;
  acronym: Localised | null;
  role: SupporterRole;
  note: Localised | null;
  website: string | null;
}

export interface RelayFields {
  name: Localised;
  relayed: Localised;
}

export interface HonourFields {
  countryCode: string | null;
  text: Localised | null;
}

type Parsed<T> = { values: T; errors?: undefined } | { values?: undefined; errors: PartnerFieldErrors };

const text = (form: FormData, name: string) => String(form.get(name) ?? "").trim();

/**
 * A pair of fields in both languages; `required` or both empty (null). An edition's own texts
 * (`perEdition`: supporters, the honour text) may lack one side, a translation to come (decision
 * 0023); the relays' texts, shared by every edition, need both.
 */
function localised(form: FormData, name: string, max: number, { required, perEdition }: { required: boolean; perEdition: boolean }, errors: PartnerFieldErrors): Localised | null {
  const fr = text(form, `${name}_fr`);
  const en = text(form, `${name}_en`);
  for (const [language, value] of [["fr", fr], ["en", en]] as const) {
    if (value.length > max) errors[`${name}_${language}`] = "partners.error.tooLong";
  }
  if (!fr && !en) {
    if (required) errors[`${name}_fr`] = "partners.error.required";
    return null;
  }
  if (!perEdition) {
    if (!fr) errors[`${name}_fr`] = "partners.error.bothLanguages";
    if (!en) errors[`${name}_en`] = "partners.error.bothLanguages";
  }
  return { fr, en };
}

/** An http or https address, or null when empty: never `javascript:` nor any other scheme. */
export function parseWebsite(value: string): string | null | undefined {
  if (!value) return null;
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && url.hostname ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

function result<T>(values: T, errors: PartnerFieldErrors): Parsed<T> {
  return Object.keys(errors).length > 0 ? { errors } : { values };
}

export function parseSupporter(form: FormData): Parsed<SupporterFields> {
  const errors: PartnerFieldErrors = {};
  const name = localised(form, "name", partnerLimits.name, { required: true, perEdition: true }, errors);
  const acronym = localised(form, "acronym", partnerLimits.acronym, { required: false, perEdition: true }, errors);
  const note = localised(form, "note", partnerLimits.note, { required: false, perEdition: true }, errors);
  const role = text(form, "role");
  if (!supporterRoles.some((candidate) => candidate === role)) errors.role = "partners.error.role";
  const websiteText = text(form, "website");
  const website = parseWebsite(websiteText);
  if (websiteText.length > partnerLimits.website) errors.website = "partners.error.tooLong";
  else if (website === undefined) errors.website = "partners.error.website";
  return result({ name: name as Localised, acronym, role: role as SupporterRole, note, website: website ?? null }, errors);
}

export function parseRelay(form: FormData): Parsed<RelayFields> {
  const errors: PartnerFieldErrors = {};
  const name = localised(form, "name", partnerLimits.relayName, { required: true, perEdition: false }, errors);
  const relayed = localised(form, "relayed", partnerLimits.relayed, { required: true, perEdition: false }, errors);
  return result({ name: name as Localised, relayed: relayed as Localised }, errors);
}

export function parseHonour(form: FormData): Parsed<HonourFields> {
  const errors: PartnerFieldErrors = {};
  const code = text(form, "country").toUpperCase();
  if (code && !countryCodes.includes(code)) errors.country = "partners.error.country";
  const honourText = localised(form, "honour_text", partnerLimits.honourText, { required: false, perEdition: true }, errors);
  return result({ countryCode: code || null, text: honourText }, errors);
}

