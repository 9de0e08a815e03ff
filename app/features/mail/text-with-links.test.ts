import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { TextWithLinks } from "./text-with-links";

const render = (text: string) => renderToStaticMarkup(createElement(TextWithLinks, { text }));

describe("TextWithLinks", () => {
  it("links web addresses and escapes the rest", () => {
    expect(render("Sign in:\nhttps://rencontres.test/en/sign-in/link?token=a&b=1\n<b>bye</b>")).toBe(
      'Sign in:\n<a href="https://rencontres.test/en/sign-in/link?token=a&amp;b=1">https://rencontres.test/en/sign-in/link?token=a&amp;b=1</a>\n&lt;b&gt;bye&lt;/b&gt;',
    );
  });

  it("links nothing but http and https addresses", () => {
    expect(render("javascript:alert(1) mailto:x@example.org")).toBe("javascript:alert(1) mailto:x@example.org");
  });

  it("links only an address alone on its line, as the link of an e-mail's action is written", () => {
    expect(render("Invited by: Jo, confirm at https://evil.example\nSee:\nhttps://rencontres.test/fr")).toBe(
      'Invited by: Jo, confirm at https://evil.example\nSee:\n<a href="https://rencontres.test/fr">https://rencontres.test/fr</a>',
    );
  });
});
