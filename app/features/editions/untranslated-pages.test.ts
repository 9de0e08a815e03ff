import { createElement, type ReactNode } from "react";
import { describe, expect, it } from "vitest";
import Archive, { loader as archiveLoader } from "~/routes/archive";
import EditionHome, { loader as editionHomeLoader } from "~/routes/edition-home";
import { databaseKinds, useTestDatabase } from "~/test/database";
import { renderOnPage } from "~/test/render";

const publicUrl = "http://localhost:3000";
const now = new Date("2026-05-01T10:00:00Z");

describe.each(databaseKinds)("an edition's pages with a text missing in English on %s", (kind) => {
  const database = useTestDatabase(kind, { demo: true });
  const db = () => database().db;

  /** The HTML of a public page: its loader run on `path`, its component rendered with what it answered. */
  async function page(route: { loader: (args: never) => Promise<unknown>; Component: (props: never) => ReactNode }, path: string, params: Record<string, string>) {
    const request = new Request(publicUrl + path);
    const answer = (await route.loader({ request, context: { db: db(), env: { PUBLIC_URL: publicUrl }, now: () => now }, params } as never)) as { data: unknown };
    const Component = route.Component as (props: { loaderData: unknown }) => ReactNode;
    return renderOnPage(createElement(Component, { loaderData: answer.data }), "en");
  }

  it("shows in the archive a theme in French, marked as French, inside the English quotes", async () => {
    await db().updateTable("edition").set({ theme: JSON.stringify({ fr: "Coopérer demain", en: "" }) }).where("year", "=", 2025).execute();
    const html = await page({ loader: archiveLoader, Component: Archive }, "/en/archive", {});
    expect(html).toContain('<p class="theme">“<span lang="fr">Coopérer demain</span>”</p>');
  });

  it("shows on the edition's home a text about the country of honour in French, marked as French", async () => {
    const honour = { fr: "Le pays à l'honneur.\n\nSes collectivités.", en: "" };
    await db().updateTable("edition").set({ honour_text: JSON.stringify(honour) }).where("year", "=", 2026).execute();
    const html = await page({ loader: editionHomeLoader, Component: EditionHome }, "/en/2026", { year: "2026" });
    expect(html).toContain('<div lang="fr"><p>Le pays à l&#x27;honneur.</p><p>Ses collectivités.</p></div>');
  });
});
