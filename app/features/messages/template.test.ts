import { describe, expect, it } from "vitest";
import { reminderDueAt, renderBody, renderSubject, unknownPlaceholders, placeholders, subjectPlaceholders, type RecipientValues } from "./template";

const values = (overrides: Partial<RecipientValues> = {}): RecipientValues => ({
  name: "Camille Martin",
  firstName: "Camille",
  edition: "17es Rencontres",
  registrationLink: "https://rencontres.example.org/fr/espace",
  agenda: ["jeu. 9 juil., 09:00–10:30: Plénière d'ouverture", "jeu. 9 juil., 11:00–12:30: Atelier *eau*"],
  emptyAgenda: "Votre agenda est vide pour l'instant.",
  ...overrides,
});

describe("message templates", () => {
  it("names the placeholders it does not know, once each", () => {
    expect(unknownPlaceholders("Bonjour {name}, {prenom} {prenom} {agenda}", placeholders)).toEqual(["prenom"]);
    expect(unknownPlaceholders("{agenda} in a subject", subjectPlaceholders)).toEqual(["agenda"]);
    expect(unknownPlaceholders("a { spaced } brace and {}", placeholders)).toEqual([]);
  });

  it("renders Markdown with each value in its place, and the plain text as written", () => {
    const { html, text } = renderBody("Bonjour **{first_name}**,\n\nVotre agenda :\n\n{agenda}\n\n[Votre espace]({registration_link}) ou {registration_link}", values());
    expect(html).toContain("<p>Bonjour <strong>Camille</strong>,</p>");
    expect(html).toContain("<li>jeu. 9 juil., 09:00–10:30: Plénière d'ouverture</li>");
    // Markdown in a session's title is text, not emphasis.
    expect(html).toContain("Atelier *eau*");
    expect(html).toContain('<a href="https://rencontres.example.org/fr/espace">Votre espace</a>');
    expect(html).toContain('ou <a href="https://rencontres.example.org/fr/espace">https://rencontres.example.org/fr/espace</a>');
    expect(text).toContain("Bonjour **Camille**,");
    expect(text).toContain("- jeu. 9 juil., 09:00–10:30: Plénière d'ouverture");
    expect(text).toContain("https://rencontres.example.org/fr/espace");
    expect(renderBody("{agenda}", values({ agenda: [] })).text).toBe("Votre agenda est vide pour l'instant.");
  });

  it("keeps what a participant typed inert: no markup, no link, no formula", () => {
    const hostile = values({
      name: '<img src=x onerror=alert(1)> =HYPERLINK("http://evil.example") [x](javascript:alert(1))',
      firstName: "<script>alert(1)</script>",
    });
    const { html, text } = renderBody("Bonjour {first_name} — {name}", hostile);
    expect(html).not.toMatch(/<img|<script|<a |href=|javascript:alert\(1\)\)/i);
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html).toContain("&lt;script&gt;");
    // The zero-width spaces of inertText keep mail readers from making links of addresses.
    expect(html).not.toContain("http://evil.example");
    expect(text).not.toContain("http://evil.example");
    expect(text.startsWith("=")).toBe(false);
    const subject = renderSubject("{name}\n{edition}", hostile);
    expect(subject).not.toContain("\n");
    expect(subject).toContain("17es Rencontres");
  });

  it("keeps an organiser's raw HTML, images and script links out", () => {
    const { html } = renderBody('<b onclick="x">gras</b> ![pixel](https://tracker.example/p.png) [clic](javascript:alert(1)) [ok](https://example.org)', values());
    expect(html).not.toMatch(/<b |<img|href="javascript/);
    expect(html).toContain("&lt;b onclick=&quot;x&quot;&gt;");
    expect(html).toContain('<a href="https://example.org">ok</a>');
  });

  it("dates a reminder from the first or last day, on the edition's clock", () => {
    const edition = { days: ["2026-07-09", "2026-07-10"], time_zone: "Europe/Paris" };
    expect(reminderDueAt(edition, { anchor: "start", offsetDays: -7, time: "09:00" })).toEqual(new Date("2026-07-02T07:00:00Z"));
    expect(reminderDueAt(edition, { anchor: "end", offsetDays: 1, time: "10:00" })).toEqual(new Date("2026-07-11T08:00:00Z"));
    expect(reminderDueAt({ days: [], time_zone: "Europe/Paris" }, { anchor: "start", offsetDays: 0, time: "09:00" })).toBeNull();
  });
});
