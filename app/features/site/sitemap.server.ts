import type { Kysely } from "kysely";
import type { DB } from "~/db/schema";
import { listEditions } from "~/features/editions/editions.server";
import { listSessions } from "~/features/programme/programme.server";
import { languages, type Language } from "~/i18n/languages";
import { paths } from "~/lib/paths";

/** A public page, by its path in each language. */
type Page = (language: Language) => string;

/** Every public page of the site: the site-wide ones, then each published edition's. */
async function listPublicPages(db: Kysely<DB>): Promise<Page[]> {
  const pages: Page[] = [paths.home, paths.archive, paths.accessibility, paths.legal, paths.privacy];
  for (const edition of await listEditions(db)) {
    const { year } = edition;
    pages.push(
      (language) => paths.edition(language, year),
      (language) => paths.programme(language, year),
      ...edition.days.map((day): Page => (language) => paths.programme(language, year, day)),
      ...(await listSessions(db, edition.id)).map((session): Page => (language) => paths.session(language, year, session.id)),
      (language) => paths.speakers(language, year),
      (language) => paths.practical(language, year),
      (language) => paths.partners(language, year),
    );
  }
  return pages;
}

/**
 * The sitemap (https://www.sitemaps.org/protocol.html) of every public page in both languages,
 * each naming its translations as hreflang alternates; the home pages also name `/`, which
 * chooses a language for the visitor, as x-default.
 */
export async function buildSitemap(db: Kysely<DB>, publicUrl: string): Promise<string> {
  const pages = await listPublicPages(db);
  const urls = pages.flatMap((page) => {
    const alternates: { hreflang: Language | "x-default"; href: string }[] = languages.map((language) => ({
      hreflang: language,
      href: publicUrl + page(language),
    }));
    if (page === paths.home) alternates.push({ hreflang: "x-default", href: `${publicUrl}/` });
    const links = alternates.map(
      ({ hreflang, href }) => `    <xhtml:link rel="alternate" hreflang="${hreflang}" href="${escapeXml(href)}"/>`,
    );
    return languages.map((language) =>
      ["  <url>", `    <loc>${escapeXml(publicUrl + page(language))}</loc>`, ...links, "  </url>"].join("\n"),
    );
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ...urls,
    "</urlset>",
    "",
  ].join("\n");
}

const xmlEntities: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

export function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => xmlEntities[character] ?? character);
}
