import { describe, expect, it } from "vitest";
import { parseAnswers, parseInvitationFields, parsePersonFields, type Question } from "./form";

function form(values: Record<string, string>): FormData {
  const data = new FormData();
  const base = { given_name: "Awa", family_name: "Diallo", email: "awa@example.org", organisation_type: "commune", organisation_name: "Dakar", country_code: "SN", category: "participant" };
  for (const [name, value] of Object.entries({ ...base, ...values })) data.set(name, value);
  return data;
}

describe("person fields", () => {
  it.each([
    ["a line break", "Jo\r\nURGENT: confirm at https://evil.example"],
    ["a line feed", "Jo\nBcc: x"],
    ["a tab", "Jo\tDoe"],
    ["a direction override", "Jo\u202eelpmaxe"],
    ["a line separator", "Jo\u2028Doe"],
  ])("refuse a name with %s: a name is one line of text", (_, name) => {
    expect(parsePersonFields(form({ given_name: name })).errors).toEqual({ given_name: "registration.error.oneLine" });
    expect(parsePersonFields(form({ family_name: name })).errors).toEqual({ family_name: "registration.error.oneLine" });
    expect(parsePersonFields(form({ organisation_name: name })).errors).toEqual({ organisation_name: "registration.error.oneLine" });
    expect(parseInvitationFields(form({ given_name: name })).errors).toEqual({ given_name: "registration.error.oneLine" });
  });

  it("keep names with accents, apostrophes and hyphens, and cap their length", () => {
    expect(parsePersonFields(form({ given_name: "Anne-Marie", family_name: "N'Diaye Émond" })).values).toMatchObject({
      given_name: "Anne-Marie",
      family_name: "N'Diaye Émond",
    });
    expect(parseInvitationFields(form({ family_name: "X".repeat(101) })).errors).toEqual({ family_name: "registration.error.tooLong" });
  });
});

describe("answers", () => {
  const health: Question = { id: 7, kind: "text", options: [], required: false, health_data: true };
  const lunch: Question = { id: 8, kind: "yes_no", options: [], required: true, health_data: false };
  const diet: Question = { id: 9, kind: "choice", options: [{ value: "vegan", label: { fr: "Végétalien", en: "Vegan" } }], required: true, health_data: false };

  it("refuse a health answer given without its consent, on its own field", () => {
    expect(parseAnswers([health], { 7: "Step-free access" }, false)).toEqual({ answers: {}, errors: { q7: "registration.error.healthConsent" } });
    expect(parseAnswers([health], { 7: "  " }, false)).toEqual({ answers: {}, errors: {} });
    expect(parseAnswers([health], { 7: "Step-free access" }, true)).toEqual({ answers: { 7: "Step-free access" }, errors: {} });
  });

  it("ask to choose an option when a list or radios are left empty", () => {
    expect(parseAnswers([lunch, diet], { 8: "", 9: "" }, false).errors).toEqual({ q8: "registration.error.choose", q9: "registration.error.choose" });
    expect(parseAnswers([diet], { 9: "pizza" }, false).errors).toEqual({ q9: "registration.error.choice" });
    expect(parsePersonFields(form({ category: "", organisation_type: "", country_code: "" })).errors).toEqual({
      category: "registration.error.choose",
      organisation_type: "registration.error.choose",
      country_code: "registration.error.choose",
    });
  });
});
