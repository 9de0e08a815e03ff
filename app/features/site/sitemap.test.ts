import { describe, expect, it } from "vitest";
import { getEdition } from "~/features/editions/editions.server";
import { listSessions } from "~/features/programme/programme.server";
import { loader as robotsLoader } from "~/routes/robots";
import { loader as sitemapLoader } from "~/routes/sitemap";
import { databaseKinds, useTestDatabase } from "~/test/database";
import { buildSitemap, escapeXml } from "./sitemap.server";

const publicUrl = "https://rencontres.example.org";

/** Each <url> of a sitemap: its location and its alternates by hreflang. */
function readSitemap(xml: string) {
  return [...xml.matchAll(/<url>([\s\S]*?)<\/url>/g)].map(([, body = ""]) => ({
    loc: /<loc>(.*?)<\/loc>/.exec(body)?.[1],
    alternates: Object.fromEntries(
      [...body.matchAll(/<xhtml:link rel="alternate" hreflang="([^"]+)" href="([^"]+)"\/>/g)].map(([, lang, href]) => [lang, href]),
    ),
  }));
}

describe.each(databaseKinds)("sitemap on %s", (kind) => {
  const database = useTestDatabase(kind, { demo: true });

  it("lists every public page of both editions in both languages, with absolute URLs", async () => {
    const xml = await buildSitemap(database().db, publicUrl);
    const urls = readSitemap(xml);
    const locs = urls.map((url) => url.loc);
    const sessions2025 = await listSessions(database().db, (await getEdition(database().db, 2025)).id);
    const sessions2026 = await listSessions(database().db, (await getEdition(database().db, 2026)).id);

    // 5 site-wide pages; per edition: home, programme, its days, its sessions, speakers, practical, partners.
    const pageCount = 5 + (5 + 1 + sessions2025.length) + (5 + 2 + sessions2026.length);
    expect(urls).toHaveLength(2 * pageCount);
    expect(new Set(locs).size).toBe(locs.length);
    expect(locs.every((loc) => loc?.startsWith(`${publicUrl}/fr`) || loc?.startsWith(`${publicUrl}/en`))).toBe(true);
    expect(locs).toEqual(
      expect.arrayContaining([
        `${publicUrl}/fr`,
        `${publicUrl}/en/archive`,
        `${publicUrl}/fr/mentions-legales`,
        `${publicUrl}/en/2025`,
        `${publicUrl}/fr/2026/programme/2026-07-09`,
        `${publicUrl}/en/2025/programme/2025-07-04`,
        `${publicUrl}/fr/2026/infos-pratiques`,
        `${publicUrl}/en/2026/partners`,
        `${publicUrl}/fr/2026/intervenants`,
        `${publicUrl}/en/2026/speakers`,
        ...sessions2025.map((s) => `${publicUrl}/en/2025/sessions/${s.id}`),
        ...sessions2026.map((s) => `${publicUrl}/fr/2026/seances/${s.id}`),
      ]),
    );
    expect(xml).not.toContain(".ics");
  });

  it("names the translation of each page, itself included", async () => {
    const urls = readSitemap(await buildSitemap(database().db, publicUrl));
    const [session] = await listSessions(database().db, (await getEdition(database().db, 2026)).id);
    const alternates = {
      fr: `${publicUrl}/fr/2026/seances/${session?.id}`,
      en: `${publicUrl}/en/2026/sessions/${session?.id}`,
    };
    expect(urls.filter((url) => url.loc === alternates.fr || url.loc === alternates.en)).toEqual([
      { loc: alternates.fr, alternates },
      { loc: alternates.en, alternates },
    ]);
    expect(urls.find((url) => url.loc === `${publicUrl}/en`)?.alternates).toEqual({
      fr: `${publicUrl}/fr`,
      en: `${publicUrl}/en`,
      "x-default": `${publicUrl}/`,
    });
    for (const url of urls) expect(Object.keys(url.alternates).slice(0, 2)).toEqual(["fr", "en"]);
  });

  it("is served as XML at /sitemap.xml, which /robots.txt points to", async () => {
    const context = { db: database().db, env: { PUBLIC_URL: publicUrl } };
    const args = { request: new Request(`${publicUrl}/sitemap.xml`), params: {}, context } as unknown as Parameters<
      typeof sitemapLoader
    >[0] &
      Parameters<typeof robotsLoader>[0];
    const sitemap = await sitemapLoader(args);
    expect(sitemap.headers.get("Content-Type")).toBe("application/xml; charset=utf-8");
    expect(await sitemap.text()).toContain(`<loc>${publicUrl}/fr</loc>`);
    const robots = robotsLoader(args);
    expect(robots.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
    expect(await robots.text()).toBe(`User-agent: *\nAllow: /\n\nSitemap: ${publicUrl}/sitemap.xml\n`);
  });

  it("leaves out an edition that is not published", async () => {
    const { db } = database();
    const { venue_id } = await db.selectFrom("edition").select("venue_id").executeTakeFirstOrThrow();
    const localised = JSON.stringify({ fr: "Brouillon", en: "Draft" });
    const draft = await db
      .insertInto("edition")
      .values({
        number: 18,
        year: 2027,
        title: localised,
        theme: localised,
        summary: localised,
        venue_id,
        registration_opens_at: "2027-04-15T00:00:00+02:00",
        registration_closes_at: "2027-07-06T18:00:00+02:00",
        published: false,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db.insertInto("edition_day").values({ edition_id: draft.id, day: "2027-07-07" }).execute();
    const xml = await buildSitemap(db, publicUrl);
    expect(xml).toContain(`${publicUrl}/fr/2026`);
    expect(xml).not.toContain("2027");
  });

  it("escapes the origin where XML needs it", async () => {
    const xml = await buildSitemap(database().db, "https://example.org/a&b");
    expect(xml).toContain("<loc>https://example.org/a&amp;b/fr</loc>");
    expect(xml).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;)/);
  });
});

describe("XML escaping", () => {
  it("escapes the five special characters", () => {
    expect(escapeXml(`<a href="x?y=1&z='2'">`)).toBe("&lt;a href=&quot;x?y=1&amp;z=&apos;2&apos;&quot;&gt;");
  });
});
