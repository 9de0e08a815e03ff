import { describe, expect, it, vi } from "vitest";
import { buildSitemap } from "~/features/site/sitemap.server";
import { listEditions, publishedEditionYears } from "~/features/editions/editions.server";
import { loader as archiveLoader } from "~/routes/archive";
import { action as editionAction, loader as editionLoader } from "~/routes/back-office-edition";
import { loader as homeLoader } from "~/routes/back-office-home";
import { loader as editionHomeLoader } from "~/routes/edition-home";
import { loader as partnersLoader } from "~/routes/partners";
import { loader as practicalLoader } from "~/routes/practical";
import { loader as programmeCalendarLoader } from "~/routes/programme-calendar";
import { loader as programmeLoader } from "~/routes/programme";
import { loader as registerLoader } from "~/routes/register";
import { loader as sessionCalendarLoader } from "~/routes/session-calendar";
import { loader as sessionLoader } from "~/routes/session";
import { databaseKinds, useTestDatabase } from "~/test/database";
import { createPerson, createStaff, staffSession } from "~/test/factories";

const publicUrl = "http://localhost:3000";
const now = new Date("2026-11-02T10:00:00Z");

function answer(result: unknown): { status: number; body: unknown; location?: string | null; headers?: Headers } {
  if (result instanceof Response) return { status: result.status, body: undefined, location: result.headers.get("Location"), headers: result.headers };
  if (result && typeof result === "object" && "init" in result && "data" in result) {
    const init = result.init as ResponseInit | null;
    return { status: init?.status ?? 200, body: result.data, headers: new Headers(init?.headers) };
  }
  return { status: 200, body: result };
}
const settled = (promise: unknown) => Promise.resolve(promise).then(answer, answer);

describe.each(databaseKinds)("editions' pages on %s", (kind) => {
  const database = useTestDatabase(kind, { demo: true });
  const db = () => database().db;
  const contentChanged = vi.fn(async () => {});

  function args(path: string, options: { cookie?: string; form?: Record<string, string | string[]>; params?: Record<string, string> } = {}) {
    let body: URLSearchParams | undefined;
    if (options.form) {
      body = new URLSearchParams();
      for (const [name, value] of Object.entries(options.form)) for (const one of [value].flat()) body.append(name, one);
    }
    const request = new Request(publicUrl + path, {
      method: body ? "POST" : "GET",
      headers: { Origin: publicUrl, ...(options.cookie ? { Cookie: options.cookie } : {}) },
      body,
    });
    const context = { db: db(), env: { PUBLIC_URL: publicUrl }, now: () => now, contentChanged };
    return { request, context, params: options.params ?? { year: path.split("/")[2] } } as never;
  }

  /** A session past its second factor: for a person without a role, the factor changes nothing. */
  const signedIn = (person: { id: number }) => staffSession(db(), person, now);

  /** The owner (a role on every edition) who copies 2026 into a 2027 draft, through the page. */
  async function draft2027() {
    const existing = await db().selectFrom("edition").select("id").where("year", "=", 2027).executeTakeFirst();
    const owner = await createStaff(db(), "owner", null);
    const session = await signedIn(owner);
    if (!existing) {
      const page = await settled(editionLoader(args("/fr/2026/organisation/edition", { cookie: session.cookie })));
      const key = (page.body as { copyKey: string }).copyKey;
      const form = { csrf: session.csrf, intent: "copy", submission: key, year: "2027", number: "18", first_day: "2027-03-27" };
      const first = await settled(editionAction(args("/fr/2026/organisation/edition", { cookie: session.cookie, form })));
      expect(first).toMatchObject({ status: 303, location: "/fr/2027/organisation/edition?done=copied" });
      // The same form again (a double click) creates nothing more.
      const again = await settled(editionAction(args("/fr/2026/organisation/edition", { cookie: session.cookie, form })));
      expect(again.status).toBe(303);
      expect(await db().selectFrom("edition").select("id").where("year", "in", [2027]).execute()).toHaveLength(1);
    }
    return { owner, session };
  }

  it("sends an anonymous visitor of the back-office home to sign in; a person without a role gets 404", async () => {
    expect(await settled(homeLoader(args("/fr/organisation", { params: {} })))).toMatchObject({ status: 302, location: `/fr/connexion?return_to=${encodeURIComponent("/fr/organisation")}` });
    const person = await createPerson(db());
    const { cookie } = await signedIn(person);
    expect(await settled(homeLoader(args("/en/organisers", { cookie, params: {} })))).toMatchObject({ status: 404 });
  });

  it("lists on the back-office home the editions the person holds a role on, drafts included, each with its status", async () => {
    await draft2027();
    const organiser = await createStaff(db(), "organiser", 2025);
    const home = await settled(homeLoader(args("/fr/organisation", { cookie: (await signedIn(organiser)).cookie, params: {} })));
    expect((home.body as { editions: { year: number }[] }).editions.map((e) => e.year)).toEqual([2025]);
    expect(home.headers?.get("Cache-Control")).toBe("private, no-store");
    const owner = await createStaff(db(), "owner", null);
    const all = await settled(homeLoader(args("/fr/organisation", { cookie: (await signedIn(owner)).cookie, params: {} })));
    expect((all.body as { editions: { year: number; published: boolean }[] }).editions).toEqual(
      expect.arrayContaining([expect.objectContaining({ year: 2027, published: false }), expect.objectContaining({ year: 2026, published: true })]),
    );
  });

  it("does not exist for intruders: anonymous to sign-in; participant, organiser of another edition, check-in and partner get 404 and change nothing", async () => {
    const before = await db().selectFrom("edition").selectAll().where("year", "=", 2026).executeTakeFirstOrThrow();
    const anonymous = await settled(editionLoader(args("/fr/2026/organisation/edition")));
    expect(anonymous.status).toBe(302);
    const intruders = [await createPerson(db()), await createStaff(db(), "organiser", 2025), await createStaff(db(), "checkin", 2026), await createStaff(db(), "partner", 2026)];
    for (const intruder of intruders) {
      const { cookie, csrf } = await signedIn(intruder);
      expect((await settled(editionLoader(args("/fr/2026/organisation/edition", { cookie })))).status).toBe(404);
      const forms: Record<string, string>[] = [
        { csrf, intent: "save", title_fr: "Piraté", title_en: "Hacked", theme_fr: "x", theme_en: "x", summary_fr: "x", summary_en: "x", time_zone: "Europe/Paris", day: "2026-07-08" },
        { csrf, intent: "unpublish" },
        { csrf, intent: "copy", submission: "a".repeat(22), year: "2050", number: "50", first_day: "2050-07-01" },
      ];
      for (const form of forms) {
        expect((await settled(editionAction(args("/fr/2026/organisation/edition", { cookie, form })))).status).toBe(404);
      }
    }
    expect(await db().selectFrom("edition").selectAll().where("year", "=", 2026).executeTakeFirstOrThrow()).toEqual(before);
    expect(await db().selectFrom("edition").select("id").where("year", "=", 2050).execute()).toEqual([]);
  });

  it("lets an organiser of 2026 edit it but not copy it: copying needs a role on every edition", async () => {
    const organiser = await createStaff(db(), "organiser", 2026);
    const { cookie, csrf } = await signedIn(organiser);
    const page = await settled(editionLoader(args("/fr/2026/organisation/edition", { cookie })));
    expect(page.body).toMatchObject({ mayCopy: false });
    const copy = await settled(editionAction(args("/fr/2026/organisation/edition", { cookie, form: { csrf, intent: "copy", submission: "b".repeat(22), year: "2051", number: "51", first_day: "2051-07-01" } })));
    expect(copy.status).toBe(404);
    expect(await db().selectFrom("edition").select("id").where("year", "=", 2051).execute()).toEqual([]);
  });

  it("answers a bad edition form with localised field errors and changes nothing; a good one is saved, logged and announced", async () => {
    const { session } = await draft2027();
    const before = await db().selectFrom("edition").selectAll().where("year", "=", 2027).executeTakeFirstOrThrow();
    const base = { csrf: session.csrf, intent: "save", theme_fr: "Thème", theme_en: "Theme", summary_fr: "Résumé", summary_en: "Summary", time_zone: "Europe/Paris", day: ["2027-03-27", "2027-03-28"] };
    const refused = await settled(editionAction(args("/fr/2027/organisation/edition", { cookie: session.cookie, form: { ...base, title_fr: "", title_en: "", time_zone: "Mars/Olympus", hashtag: "a b" } })));
    expect(refused).toMatchObject({
      status: 422,
      body: { error: { code: "invalid_form" }, errors: { title_fr: "editions.error.textRequired", time_zone: "editions.error.timeZone", hashtag: "editions.error.hashtag" } },
    });
    expect(await db().selectFrom("edition").selectAll().where("year", "=", 2027).executeTakeFirstOrThrow()).toEqual(before);

    contentChanged.mockClear();
    const saved = await settled(editionAction(args("/fr/2027/organisation/edition", { cookie: session.cookie, form: { ...base, title_fr: "Rencontres 2027", title_en: "" } })));
    expect(saved).toMatchObject({ status: 303, location: "/fr/2027/organisation/edition?done=saved" });
    expect(contentChanged).toHaveBeenCalled();
    const page = await settled(editionLoader(args("/fr/2027/organisation/edition", { cookie: session.cookie })));
    expect(page.body).toMatchObject({ edition: { title: { fr: "Rencontres 2027", en: "" } } });
    expect((page.body as { missing: { place: unknown; href: string }[] }).missing[0]).toMatchObject({ place: { form: "edition", field: "title" }, href: "/fr/2027/organisation/edition#title_en" });
  });

  it("lists every text of the draft missing a language, each linked to the empty field of the form holding it", async () => {
    const { session } = await draft2027();
    const edition = await db().selectFrom("edition").select("id").where("year", "=", 2027).executeTakeFirstOrThrow();
    const sessionRow = await db().selectFrom("session").select(["id", "title"]).where("edition_id", "=", edition.id).orderBy("id").limit(1).executeTakeFirstOrThrow();
    const supporter = await db().selectFrom("supporter").select(["id", "name"]).where("edition_id", "=", edition.id).orderBy("id").limit(1).executeTakeFirstOrThrow();
    const question = await db().selectFrom("registration_question").select(["id", "help"]).where("edition_id", "=", edition.id).orderBy("id").limit(1).executeTakeFirstOrThrow();
    await db().updateTable("session").set({ title: JSON.stringify({ fr: "Atelier", en: "" }) }).where("id", "=", sessionRow.id).execute();
    await db().updateTable("supporter").set({ name: JSON.stringify({ fr: "", en: "Brittany Region" }) }).where("id", "=", supporter.id).execute();
    await db().updateTable("registration_question").set({ help: JSON.stringify({ fr: "Aide", en: "" }) }).where("id", "=", question.id).execute();
    const section = await db()
      .insertInto("practical_section")
      .values({ edition_id: edition.id, title: JSON.stringify({ fr: "Visas", en: "" }), body: JSON.stringify({ fr: "Demandez tôt.", en: "Ask early." }), position: 9 })
      .returning("id")
      .executeTakeFirstOrThrow();
    try {
      const page = await settled(editionLoader(args("/en/2027/organisers/edition", { cookie: session.cookie })));
      const missing = (page.body as { missing: { place: { form: string }; href: string }[] }).missing;
      expect(missing.filter((item) => item.place.form !== "edition").map((item) => item.href)).toEqual([
        `/en/2027/organisers/programme/${sessionRow.id}#title_en`,
        `/en/2027/organisers/questions#question-${question.id}-help_en`,
        `/en/2027/organisers/partners?open=supporter-${supporter.id}#supporter-${supporter.id}-name_fr`,
        `/en/2027/organisers/practical-information#section-${section.id}-title_en`,
      ]);
    } finally {
      // The draft is shared by this file's tests: it goes back as it was.
      await db().updateTable("session").set({ title: JSON.stringify(sessionRow.title) }).where("id", "=", sessionRow.id).execute();
      await db().updateTable("supporter").set({ name: JSON.stringify(supporter.name) }).where("id", "=", supporter.id).execute();
      await db().updateTable("registration_question").set({ help: question.help && JSON.stringify(question.help) }).where("id", "=", question.id).execute();
      await db().deleteFrom("practical_section").where("id", "=", section.id).execute();
    }
  });

  it("keeps a draft from visitors on every public page and file, and shows it with ?preview=1 to its organisers only, never cached", async () => {
    const { session } = await draft2027();
    const sessionId = String((await db().selectFrom("session").innerJoin("edition", "edition.id", "session.edition_id").where("edition.year", "=", 2027).select("session.id").executeTakeFirstOrThrow()).id);
    const pages: [string, (a: never) => unknown, Record<string, string>][] = [
      ["/fr/2027", editionHomeLoader, { year: "2027" }],
      ["/en/2027/programme", programmeLoader, { year: "2027" }],
      ["/fr/2027/programme/2027-03-27", programmeLoader, { year: "2027", day: "2027-03-27" }],
      [`/fr/2027/seances/${sessionId}`, sessionLoader, { year: "2027", sessionId }],
      [`/fr/2027/seances/${sessionId}/calendar.ics`, sessionCalendarLoader, { year: "2027", sessionId }],
      ["/fr/2027/programme.ics", programmeCalendarLoader, { year: "2027" }],
      ["/fr/2027/infos-pratiques", practicalLoader, { year: "2027" }],
      ["/fr/2027/partenaires", partnersLoader, { year: "2027" }],
    ];
    const outsider = await signedIn(await createStaff(db(), "organiser", 2026));
    const checkin = await signedIn(await createStaff(db(), "checkin", 2027));
    for (const [path, loader, params] of pages) {
      expect((await settled(loader(args(path, { params })))).status, path).toBe(404);
      expect((await settled(loader(args(`${path}?preview=1`, { params })))).status, path).toBe(404);
      expect((await settled(loader(args(`${path}?preview=1`, { params, cookie: outsider.cookie })))).status, path).toBe(404);
      expect((await settled(loader(args(`${path}?preview=1`, { params, cookie: checkin.cookie })))).status, path).toBe(404);
      expect((await settled(loader(args(path, { params, cookie: session.cookie })))).status, path).toBe(404);
      const preview = await settled(loader(args(`${path}?preview=1`, { params, cookie: session.cookie })));
      expect(preview.status, path).toBe(200);
      expect(preview.headers?.get("Cache-Control"), path).toBe("private, no-store");
      expect(preview.headers?.has("Rencontres-Cache-Seconds"), path).toBe(false);
      if (preview.body) expect(preview.body, path).toMatchObject({ preview: true });
    }
    expect((await settled(registerLoader(args("/fr/2027/inscription", { cookie: session.cookie })))).status).toBe(404);
    // Absent from the sitemap, the archive and the menus.
    expect(await buildSitemap(db(), publicUrl)).not.toContain("/2027");
    expect((await listEditions(db())).map((e) => e.year)).not.toContain(2027);
    expect(await publishedEditionYears(db())).not.toContain(2027);
    const archive = await settled(archiveLoader(args("/fr/archives", { params: {} })));
    expect(JSON.stringify(archive.body)).not.toContain("2027");
  });

  it("asks to confirm publishing with missing translations, then publishes: visitors see it, and the change is logged and announced", async () => {
    const { session } = await draft2027();
    const edition = await db().selectFrom("edition").select(["id", "title"]).where("year", "=", 2027).executeTakeFirstOrThrow();
    await db().updateTable("edition").set({ title: JSON.stringify({ fr: edition.title.fr, en: "" }) }).where("id", "=", edition.id).execute();
    const first = await settled(editionAction(args("/fr/2027/organisation/edition", { cookie: session.cookie, form: { csrf: session.csrf, intent: "publish" } })));
    expect(first).toMatchObject({ status: 409, body: { error: { code: "missing_translations_unconfirmed" }, confirmCount: 1 } });
    expect((await settled(editionHomeLoader(args("/en/2027")))).status).toBe(404);
    contentChanged.mockClear();
    const confirmed = await settled(editionAction(args("/fr/2027/organisation/edition", { cookie: session.cookie, form: { csrf: session.csrf, intent: "publish", confirm: "yes" } })));
    expect(confirmed).toMatchObject({ status: 303, location: "/fr/2027/organisation/edition?done=published" });
    expect(contentChanged).toHaveBeenCalled();
    const visitor = await settled(editionHomeLoader(args("/en/2027")));
    expect(visitor.status).toBe(200);
    expect(visitor.headers?.get("Cache-Control")).toBe("no-cache");
    const log = await db().selectFrom("audit_log").select(["action", "before", "after"]).where("edition_id", "=", edition.id).where("action", "like", "edition.%publish").execute();
    expect(log).toEqual([{ action: "edition.publish", before: { published: false }, after: { published: true } }]);
    // Back to a draft: gone for visitors again.
    await settled(editionAction(args("/fr/2027/organisation/edition", { cookie: session.cookie, form: { csrf: session.csrf, intent: "unpublish" } })));
    expect((await settled(editionHomeLoader(args("/en/2027")))).status).toBe(404);
  });
});
