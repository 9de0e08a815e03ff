import { describe, expect, it } from "vitest";
import { composeMail, inertText } from "./compose";

describe("composeMail", () => {
  const mail = composeMail({
    language: "en",
    subject: `Tom & Jerry's <b>"meeting"</b>`,
    paragraphs: ["Hello <script>alert(1)</script>,", "Line one\nline two & more"],
    action: { label: "Open <my> space", url: `https://rencontres.test/en/space?a=1&b="><img src=x onerror=alert(1)>` },
  });

  it("escapes every text and the link it puts in the HTML part", () => {
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).not.toContain("<img");
    expect(mail.html).not.toContain("<b>");
    expect(mail.html).toContain("<title>Tom &amp; Jerry&#39;s &lt;b&gt;&quot;meeting&quot;&lt;/b&gt;</title>");
    expect(mail.html).toContain("<p>Hello &lt;script&gt;alert(1)&lt;/script&gt;,</p>");
    expect(mail.html).toContain('href="https://rencontres.test/en/space?a=1&amp;b=&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"');
    expect(mail.html).toContain(">Open &lt;my&gt; space</a>");
  });

  it("keeps line breaks of a paragraph in HTML and the text unchanged in the plain part", () => {
    expect(mail.html).toContain("<p>Line one<br>line two &amp; more</p>");
    expect(mail.text).toContain("Hello <script>alert(1)</script>,\n\nLine one\nline two & more");
    expect(mail.text).toContain(`Open <my> space:\nhttps://rencontres.test/en/space?a=1&b="><img src=x onerror=alert(1)>`);
  });

  it("writes the HTML part and the signature in the recipient's language", () => {
    const french = composeMail({ language: "fr", subject: "Bienvenue", paragraphs: ["Bonjour,"] });
    expect(french.html).toContain('<html lang="fr">');
    expect(french.text).toBe("Bonjour,\n\n-- \nRencontres de l'AICT");
    expect(french.html).toContain("Rencontres de l&#39;AICT");
    expect(french.subject).toBe("Bienvenue");
  });
});

describe("inertText", () => {
  it("keeps a typed name on one line, short, and breaks what a mail reader would turn into a link", () => {
    const name = inertText("Jo. URGENT:\r\nconfirm at https://evil.example or mail@evil.example", 60);
    expect(name).not.toMatch(/[\r\n]/);
    expect(name).not.toContain("https://");
    expect(name).not.toContain("evil.example");
    expect(name.replaceAll("\u200b", "")).toBe("Jo. URGENT: confirm at https://evil.example or mail@evil.ex…");
    expect(inertText("Awa Diallo")).toBe("Awa Diallo");
  });
});
