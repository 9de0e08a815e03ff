import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { LocalisedIn, LocalisedParagraphsIn, localisedString, localisedText } from "./localised";

const render = (element: Parameters<typeof renderToStaticMarkup>[0]) => renderToStaticMarkup(element);

describe("a localised text on a published page", () => {
  it("shows the page's language, or the other one when its translation is missing, never an empty space", () => {
    expect(localisedText({ fr: "Rencontres", en: "Meetings" }, "en")).toEqual({ text: "Meetings", lang: "en" });
    expect(localisedText({ fr: "Rencontres", en: "" }, "en")).toEqual({ text: "Rencontres", lang: "fr" });
    expect(localisedText({ fr: "", en: "Meetings" }, "fr")).toEqual({ text: "Meetings", lang: "en" });
    // Calendar files and e-mails take the text alone.
    expect(localisedString({ fr: "", en: "Meetings" }, "fr")).toBe("Meetings");
  });

  it("marks a text in the other language with its lang, and nothing else", () => {
    expect(render(createElement(LocalisedIn, { value: { fr: "Rencontres", en: "Meetings" }, language: "en" }))).toBe("Meetings");
    expect(render(createElement(LocalisedIn, { value: { fr: "Rencontres", en: "" }, language: "en" }))).toBe('<span lang="fr">Rencontres</span>');
    expect(render(createElement(LocalisedIn, { value: { fr: "Rencontres", en: "x" }, language: "fr", as: "p", className: "lead" }))).toBe('<p class="lead">Rencontres</p>');
  });

  it("keeps paragraph breaks, and keeps markup typed by an organiser as text", () => {
    const value = { fr: "Premier.\n\n<script>alert(1)</script> <img src=x onerror=alert(1)>\n\n<a href=\"javascript:alert(1)\">lien</a>", en: "" };
    const html = render(createElement(LocalisedParagraphsIn, { value, language: "en" }));
    expect(html).toBe(
      '<div lang="fr"><p>Premier.</p><p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt;</p><p>&lt;a href=&quot;javascript:alert(1)&quot;&gt;lien&lt;/a&gt;</p></div>',
    );
    expect(html).not.toMatch(/<script|<img|<a /);
  });
});
