import { describe, expect, it } from "vitest";
import { parseInvitationFields, parsePersonFields } from "./form";

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
