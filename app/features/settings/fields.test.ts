import { describe, expect, it } from "vitest";
import { paragraphs } from "~/lib/plain-text";
import { consentKinds } from "~/db/schema";
import { parseConsentTexts, parseQuestion, parseRegistrationSettings, parseRetention } from "./fields";

const form = (fields: Record<string, string | string[]>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const one of [value].flat()) data.append(name, one);
  return data;
};

describe("settings forms", () => {
  it("want a choice question's options as many in each language, at least two", () => {
    const base = { kind: "choice", label_fr: "Repas", label_en: "Meal" };
    expect(parseQuestion(form({ ...base, options_fr: "Poisson", options_en: "Fish" })).errors).toEqual({ options_fr: "settings.error.twoOptions" });
    expect(parseQuestion(form({ ...base, options_fr: "Poisson\nViande", options_en: "Fish" })).errors).toEqual({ options_en: "settings.error.optionCount" });
    const parsed = parseQuestion(form({ ...base, options_fr: "Poisson\r\n\r\nViande\n", options_en: "Fish\nMeat", required: "yes" }));
    expect(parsed).toEqual({
      errors: {},
      values: {
        kind: "choice",
        label: { fr: "Repas", en: "Meal" },
        help: null,
        options: [
          { fr: "Poisson", en: "Fish" },
          { fr: "Viande", en: "Meat" },
        ],
        required: true,
        healthData: false,
      },
    });
  });

  it("refuse a question label on several lines, an unknown kind, and a question with no label at all", () => {
    expect(parseQuestion(form({ kind: "essay", label_fr: "Un\nDeux", label_en: "" })).errors).toEqual({
      kind: "settings.error.choose",
      label_fr: "settings.error.oneLine",
    });
    expect(parseQuestion(form({ kind: "text", label_fr: "", label_en: " " })).errors).toEqual({ label_fr: "settings.error.required" });
  });

  it("take a question in one language, its translation to come, but consent texts only in both", () => {
    const parsed = parseQuestion(form({ kind: "choice", label_fr: "Repas", label_en: "", options_fr: "Poisson\nViande", options_en: "" }));
    expect(parsed).toMatchObject({ errors: {}, values: { label: { fr: "Repas", en: "" }, options: [{ fr: "Poisson", en: "" }, { fr: "Viande", en: "" }] } });
    const consents = Object.fromEntries(consentKinds.flatMap((kind) => [[`consent_${kind}_fr`, "Oui"], [`consent_${kind}_en`, "Yes"]]));
    expect(parseConsentTexts(form({ ...consents, consent_photos_en: "" })).errors).toEqual({ consent_photos_en: "settings.error.required" });
  });

  it("read an empty capacity as none, and refuse zero, decimals and unknown categories", () => {
    const window = { opens_at: "2026-01-01T09:00", closes_at: "2026-06-01T18:00" };
    expect(parseRegistrationSettings(form({ ...window, capacity: "" })).values.capacity).toBeNull();
    expect(parseRegistrationSettings(form({ ...window, capacity: "0" })).errors).toEqual({ capacity: "settings.error.capacity" });
    expect(parseRegistrationSettings(form({ ...window, capacity: "12.5" })).errors).toEqual({ capacity: "settings.error.capacity" });
    expect(parseRegistrationSettings(form({ ...window, categories: ["press", "vip"] })).errors).toEqual({ categories: "settings.error.choose" });
    expect(parseRegistrationSettings(form({ opens_at: "demain", closes_at: "" })).errors).toEqual({ opens_at: "settings.error.dateTime", closes_at: "settings.error.dateTime" });
  });

  it("keep health answers no longer than the registrations", () => {
    expect(parseRetention(form({ retention_days: "30", health_retention_days: "31" })).errors).toEqual({ health_retention_days: "settings.error.healthLonger" });
    expect(parseRetention(form({ retention_days: "-1", health_retention_days: "0" })).errors).toEqual({ retention_days: "settings.error.days" });
    expect(parseRetention(form({ retention_days: "365", health_retention_days: "0" }))).toEqual({ errors: {}, values: { retentionDays: 365, healthRetentionDays: 0 } });
  });

  it("split a plain text into paragraphs on blank lines, keeping single line breaks and markup as typed", () => {
    expect(paragraphs("Un\ndeux\n\n  \n<script>x</script>\n\n")).toEqual(["Un\ndeux", "<script>x</script>"]);
  });
});
