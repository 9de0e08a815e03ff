import { describe, expect, it } from "vitest";
import { preferredLanguage } from "~/i18n/languages";
import { paths, translatePath } from "./paths";

describe("language of a visitor", () => {
  it.each([
    ["en-GB,en;q=0.9,fr;q=0.8", "en"],
    ["fr-FR,fr;q=0.9,en;q=0.8", "fr"],
    ["de-DE,de;q=0.9,en;q=0.5,fr;q=0.4", "en"],
    ["en;q=0.2, fr;q=0.7", "fr"],
    ["es, de", "en"],
    ["de", "en"],
    ["de, *;q=0.5", "fr"],
    ["*", "fr"],
    ["en;q=0", "fr"],
    ["", "fr"],
    ["garbage;;;q=x,,", "fr"],
  ])("%j prefers %s", (header, expected) => {
    expect(preferredLanguage(header)).toBe(expected);
  });
});

describe("the same page in the other language", () => {
  it("translates the prefix and every localised segment, and keeps parameters", () => {
    expect(translatePath(paths.practical("fr", 2026), "en")).toBe("/en/2026/practical-information");
    expect(translatePath(paths.session("en", 2025, 12), "fr")).toBe("/fr/2025/seances/12");
    expect(translatePath(paths.sessionCalendar("fr", 2026, 3), "en")).toBe("/en/2026/sessions/3/calendar.ics");
    expect(translatePath(paths.programme("en", 2026, "2026-07-09"), "fr")).toBe("/fr/2026/programme/2026-07-09");
    expect(translatePath(paths.archive("fr"), "en")).toBe("/en/archive");
    expect(translatePath("/fr", "en")).toBe("/en");
    expect(translatePath(paths.inviteColleague("fr", 2026), "en")).toBe("/en/2026/register/colleague");
    expect(translatePath(paths.invitation("en", 2026), "fr")).toBe("/fr/2026/invitation");
  });

  it("sends a page outside the localised site to the home page", () => {
    expect(translatePath("/xx/whatever", "fr")).toBe("/fr");
  });
});
