import sharp from "sharp";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { openSignInSession } from "~/features/accounts/sign-in-sessions.server";
import { newSubmissionKey } from "~/lib/once.server";
import { loader as mediaLoader } from "~/routes/media";
import { action, loader } from "~/routes/back-office-partners";
import { loader as publicLoader } from "~/routes/partners";
import { databaseKinds, useTestDatabase } from "~/test/database";
import { createPerson, createStaff, signedInOrganiser } from "~/test/factories";
import { PlainText } from "~/lib/plain-text";
import { parseWebsite } from "./partners";
import { settled } from "~/test/route-answers";

const publicUrl = "http://localhost:3000";
const now = new Date("2026-05-01T10:00:00Z");
const editor = "/en/2026/organisers/partners";

/** Status and body of what a route answered or threw: a plain value, `data(…)` or a Response. */

const png = (width = 1200, height = 600) =>
  sharp({ create: { width, height, channels: 4, background: { r: 10, g: 120, b: 200, alpha: 0.8 } } })
    .png()
    .toBuffer();

const supporterForm = (extra: Record<string, string> = {}) => ({
  intent: "create_supporter",
  name_fr: "Région Bretagne",
  name_en: "Brittany Region",
  role: "partner",
  website: "https://www.bretagne.bzh/",
  ...extra,
});

describe.each(databaseKinds)("the partners section of the back office on %s", (kind) => {
  const database = useTestDatabase(kind, { demo: true });
  const db = () => database().db;
  let changes = 0;

  function args(path: string, options: { cookie?: string; form?: Record<string, string | File> } = {}) {
    let body: FormData | undefined;
    if (options.form) {
      body = new FormData();
      for (const [name, value] of Object.entries(options.form)) body.set(name, value);
    }
    const request = new Request(publicUrl + path, {
      method: body ? "POST" : "GET",
      headers: { Origin: publicUrl, ...(options.cookie ? { Cookie: options.cookie } : {}) },
      body,
    });
    const context = {
      db: db(),
      env: { PUBLIC_URL: publicUrl },
      now: () => now,
      contentChanged: async () => {
        changes += 1;
      },
    };
    return { request, context, params: { year: path.split("/")[2], file: path.split("/")[2] } } as never;
  }

  async function organiser(year = 2026) {
    const signedIn = await signedInOrganiser(db(), year, now);
    return { cookie: signedIn.cookie, csrf: signedIn.person.csrfToken, access: signedIn.access };
  }

  /** Everything the section can change, to prove that a refused request changed none of it. */
  async function snapshot() {
    const [supporters, relays, media, editions, audit] = await Promise.all([
      db().selectFrom("supporter").selectAll().orderBy("id").execute(),
      db().selectFrom("relay_authority").selectAll().orderBy("id").execute(),
      db().selectFrom("media").select(["id", "hash"]).orderBy("id").execute(),
      db().selectFrom("edition").select(["id", "honoured_country_code", "honour_text"]).orderBy("id").execute(),
      db().selectFrom("audit_log").select("id").execute(),
    ]);
    return { supporters, relays, media, editions, audit: audit.length };
  }

  async function supporterOf(year: number) {
    return db()
      .selectFrom("supporter")
      .innerJoin("edition", "edition.id", "supporter.edition_id")
      .where("edition.year", "=", year)
      .select("supporter.id")
      .orderBy("supporter.position")
      .executeTakeFirstOrThrow();
  }

  async function relayOf(year: number) {
    return db()
      .selectFrom("relay_authority")
      .innerJoin("edition", "edition.id", "relay_authority.edition_id")
      .where("edition.year", "=", year)
      .select("relay_authority.id")
      .orderBy("relay_authority.position")
      .executeTakeFirstOrThrow();
  }

  it("sends an anonymous visitor to sign in, from the page and from its forms", async () => {
    const page = await settled(loader(args(editor)));
    expect(page.status).toBe(302);
    expect(page.location).toBe(`/en/sign-in?return_to=${encodeURIComponent(editor)}`);
    const before = await snapshot();
    expect((await settled(action(args(editor, { form: supporterForm() })))).status).toBe(302);
    expect(await snapshot()).toEqual(before);
  });

  it("does not exist for a participant, the check-in and partner roles, or an organiser of another edition; their forms change nothing", async () => {
    const intruders = [await createPerson(db()), await createStaff(db(), "checkin", 2026), await createStaff(db(), "partner", 2026), await createStaff(db(), "organiser", 2025)];
    const supporter = await supporterOf(2026);
    const relay = await relayOf(2026);
    const before = await snapshot();
    for (const intruder of intruders) {
      const { token } = await openSignInSession(db(), intruder.id, now);
      const cookie = `rencontres_session=${token}`;
      expect(await settled(loader(args(editor, { cookie })))).toMatchObject({ status: 404, body: { code: "not_staff" } });
      const forms: Record<string, string>[] = [
        supporterForm({ submission: newSubmissionKey() }),
        { intent: "remove_supporter", id: String(supporter.id) },
        { intent: "move_supporter", id: String(supporter.id), direction: "down" },
        { intent: "save_honour", country: "SN" },
        { intent: "remove_relay", id: String(relay.id) },
      ];
      for (const form of forms) {
        expect((await settled(action(args(editor, { cookie, form })))).status, form.intent).toBe(404);
      }
    }
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a form without the session's CSRF token, changing nothing", async () => {
    const { cookie } = await organiser();
    const supporter = await supporterOf(2026);
    const before = await snapshot();
    expect((await settled(action(args(editor, { cookie, form: { intent: "remove_supporter", id: String(supporter.id) } })))).status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  it("adds a supporter with its logo once, logs it, tells the page cache, and the public page shows the logo with the name as its text", async () => {
    const { cookie, csrf, access } = await organiser();
    const submission = newSubmissionKey();
    const form = { ...supporterForm({ csrf, submission }), logo: new File([await png()], "logo.png", { type: "image/png" }) };
    const changesBefore = changes;
    const first = await settled(action(args(editor, { cookie, form })));
    expect(first.status).toBe(303);
    expect(first.location).toMatch(/^\/en\/2026\/organisers\/partners\?done=created#supporter-\d+$/);
    expect(changes).toBe(changesBefore + 1);
    // The same form sent again (a double click) adds nothing.
    expect((await settled(action(args(editor, { cookie, form })))).status).toBe(303);
    const added = await db().selectFrom("supporter").selectAll().where("edition_id", "=", access.editionId).where("name", "@>", JSON.stringify({ en: "Brittany Region" }) as never).execute();
    expect(added).toHaveLength(1);
    const [supporter] = added;
    expect(supporter?.logo_media_id).not.toBeNull();
    const audit = await db().selectFrom("audit_log").selectAll().where("action", "=", "partners.supporter.create").where("subject_id", "=", String(supporter?.id)).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_person_id: access.personId, edition_id: access.editionId, before: null, after: { name: { en: "Brittany Region" }, role: "partner", logoMediaId: supporter?.logo_media_id } });

    const page = await settled(publicLoader(args("/en/2026/partners")));
    const shown = (page.body as { supporters: { name: { en: string }; logo: string | null }[] }).supporters.find((candidate) => candidate.name.en === "Brittany Region");
    expect(shown?.logo).toMatch(/^\/media\/\d+-[0-9a-f]{64}\.webp$/);
    const image = (await mediaLoader({ ...(args("/en/2026/partners") as object), params: { file: shown?.logo?.split("/")[2] } } as never)) as Response;
    expect(image.headers.get("Content-Type")).toBe("image/webp");
    expect((await sharp(Buffer.from(await image.arrayBuffer())).metadata()).width).toBe(800);
  });

  it("refuses a logo that is an HTML page renamed .png, with the image's message, and adds nothing", async () => {
    const { cookie, csrf } = await organiser();
    const before = await snapshot();
    const logo = new File(["<html><script>alert(1)</script></html>"], "logo.png", { type: "image/png" });
    const refused = await settled(action(args(editor, { cookie, form: { ...supporterForm({ csrf, submission: newSubmissionKey() }), logo } })));
    expect(refused).toMatchObject({ status: 422, body: { formId: "new-supporter", error: { code: "image_not_supported" } } });
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a website that is not http(s), a supporter without a name, and says which fields", async () => {
    const { cookie, csrf } = await organiser();
    const before = await snapshot();
    const refused = await settled(action(args(editor, { cookie, form: supporterForm({ csrf, submission: newSubmissionKey(), website: "javascript:alert(1)", name_fr: "", name_en: "" }) })));
    expect(refused).toMatchObject({
      status: 422,
      body: { error: { code: "invalid_form" }, fieldErrors: { website: "partners.error.website", name_fr: "partners.error.required" }, values: { website: "javascript:alert(1)" } },
    });
    expect(await snapshot()).toEqual(before);
    for (const url of ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "ftp://example.org", "//example.org", "example.org"]) expect(parseWebsite(url), url).toBeUndefined();
    expect(parseWebsite("https://example.org")).toBe("https://example.org/");
  });

  it("renders organisers' text as text: markup is escaped, blank lines make paragraphs", () => {
    const html = renderToStaticMarkup(PlainText({ text: '<script>alert(1)</script>\n\n<img src=x onerror="alert(1)"> <a href="javascript:alert(1)">x</a>' }));
    expect(html).toBe("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p><p>&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &lt;a href=&quot;javascript:alert(1)&quot;&gt;x&lt;/a&gt;</p>");
  });

  it("edits a supporter, replacing its logo (the old image is deleted) or removing it, with before and after logged", async () => {
    const { cookie, csrf, access } = await organiser();
    const submission = newSubmissionKey();
    const created = await settled(action(args(editor, { cookie, form: { ...supporterForm({ csrf, submission, name_en: "Edited Region", name_fr: "Région éditée" }), logo: new File([await png(300, 300)], "a.png") } })));
    const id = Number(created.location?.split("#supporter-")[1]);
    const first = await db().selectFrom("supporter").select("logo_media_id").where("id", "=", id).executeTakeFirstOrThrow();
    const base = { csrf, intent: "update_supporter", id: String(id), name_fr: "Région éditée", name_en: "Edited Region", role: "funder", note_fr: "Une note", note_en: "A note" };
    expect((await settled(action(args(editor, { cookie, form: { ...base, logo: new File([await png(100, 50)], "b.webp") } })))).status).toBe(303);
    const second = await db().selectFrom("supporter").select(["logo_media_id", "role"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(second.role).toBe("funder");
    expect(second.logo_media_id).not.toBe(first.logo_media_id);
    expect(await db().selectFrom("media").select("id").where("id", "=", first.logo_media_id as number).execute()).toEqual([]);
    expect((await settled(action(args(editor, { cookie, form: { ...base, remove_logo: "yes" } })))).status).toBe(303);
    expect((await db().selectFrom("supporter").select("logo_media_id").where("id", "=", id).executeTakeFirstOrThrow()).logo_media_id).toBeNull();
    const audit = await db().selectFrom("audit_log").select(["before", "after"]).where("action", "=", "partners.supporter.update").where("subject_id", "=", String(id)).orderBy("id").execute();
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ before: { role: "partner", logoMediaId: first.logo_media_id }, after: { role: "funder", note: { en: "A note" }, logoMediaId: second.logo_media_id } });
    expect(audit[1]).toMatchObject({ before: { logoMediaId: second.logo_media_id }, after: { logoMediaId: null } });
    expect(access.editionId).toBeGreaterThan(0);
  });

  it("reorders and removes supporters, logged; the first moved up stays first", async () => {
    const { cookie, csrf, access } = await organiser();
    const order = async () => (await db().selectFrom("supporter").select("id").where("edition_id", "=", access.editionId).orderBy("position").orderBy("id").execute()).map((row) => row.id);
    const [first, second] = await order();
    expect((await settled(action(args(editor, { cookie, form: { csrf, intent: "move_supporter", id: String(first), direction: "down" } })))).status).toBe(303);
    expect((await order()).slice(0, 2)).toEqual([second, first]);
    expect((await settled(action(args(editor, { cookie, form: { csrf, intent: "move_supporter", id: String(second), direction: "up" } })))).status).toBe(303);
    expect((await order()).slice(0, 2)).toEqual([second, first]);
    const moves = await db().selectFrom("audit_log").select(["before", "after"]).where("action", "=", "partners.supporter.move").where("subject_id", "=", String(first)).execute();
    expect(moves).toContainEqual({ before: { position: 0 }, after: { position: 1 } });
    expect((await settled(action(args(editor, { cookie, form: { csrf, intent: "remove_supporter", id: String(first) } })))).status).toBe(303);
    expect(await order()).not.toContain(first);
    const removal = await db().selectFrom("audit_log").select(["before", "after"]).where("action", "=", "partners.supporter.remove").where("subject_id", "=", String(first)).executeTakeFirstOrThrow();
    expect(removal.before).toMatchObject({ name: { en: expect.any(String) } });
  });

  it("answers 404 to a supporter or an authority of another edition, and changes nothing", async () => {
    const { cookie, csrf } = await organiser(2026);
    const supporter = await supporterOf(2025);
    const relay = await relayOf(2025);
    const before = await snapshot();
    const forms: Record<string, string>[] = [
      { intent: "update_supporter", id: String(supporter.id), name_fr: "Pirate", name_en: "Pirate", role: "partner" },
      { intent: "move_supporter", id: String(supporter.id), direction: "down" },
      { intent: "remove_supporter", id: String(supporter.id) },
      { intent: "update_relay", id: String(relay.id), name_fr: "Pirate", name_en: "Pirate", relayed_fr: "x", relayed_en: "x" },
      { intent: "move_relay", id: String(relay.id), direction: "up" },
      { intent: "remove_relay", id: String(relay.id) },
    ];
    for (const form of forms) {
      const refused = await settled(action(args(editor, { cookie, form: { csrf, ...form } })));
      expect(refused.status, form.intent).toBe(404);
      expect((refused.body as { error: { code: string } }).error.code).toMatch(/^(supporter|relay_authority)_not_found$/);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("sets the country of honour and its text, logged before and after, and refuses a country that is not one", async () => {
    const { cookie, csrf, access } = await organiser();
    const saved = await settled(action(args(editor, { cookie, form: { csrf, intent: "save_honour", country: "sn", honour_text_fr: "Le Sénégal à l’honneur.", honour_text_en: "Senegal honoured." } })));
    expect(saved.status).toBe(303);
    const edition = await db().selectFrom("edition").select(["honoured_country_code", "honour_text"]).where("id", "=", access.editionId).executeTakeFirstOrThrow();
    expect(edition).toEqual({ honoured_country_code: "SN", honour_text: { fr: "Le Sénégal à l’honneur.", en: "Senegal honoured." } });
    const audit = await db().selectFrom("audit_log").select(["before", "after"]).where("action", "=", "partners.honour.update").orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ before: { countryCode: null }, after: { countryCode: "SN", text: { en: "Senegal honoured." } } });
    const before = await snapshot();
    expect(await settled(action(args(editor, { cookie, form: { csrf, intent: "save_honour", country: "XX" } })))).toMatchObject({ status: 422, body: { fieldErrors: { country: "partners.error.country" } } });
    expect(await snapshot()).toEqual(before);
    const page = await settled(publicLoader(args("/fr/2026/partenaires")));
    expect((page.body as { edition: { honoured_country_code: string } }).edition.honoured_country_code).toBe("SN");
  });

  it("adds, edits, reorders and removes the authorities of the « Relais de la coop déc' », each change logged, and the public page lists them in order", async () => {
    const { cookie, csrf, access } = await organiser();
    const fields = { name_fr: "Ville de Nantes", name_en: "City of Nantes", relayed_fr: "Une exposition", relayed_en: "An exhibition" };
    const created = await settled(action(args(editor, { cookie, form: { csrf, intent: "create_relay", submission: newSubmissionKey(), ...fields } })));
    expect(created.status).toBe(303);
    const id = Number(created.location?.split("#relay-")[1]);
    const list = async () => ((await settled(publicLoader(args("/en/2026/partners")))).body as { relays: { id: number; name: { en: string }; relayed: { en: string } }[] }).relays;
    expect((await list()).at(-1)).toMatchObject({ id, name: { en: "City of Nantes" }, relayed: { en: "An exhibition" } });
    expect((await settled(action(args(editor, { cookie, form: { csrf, intent: "update_relay", id: String(id), ...fields, relayed_en: "A touring exhibition" } })))).status).toBe(303);
    expect((await settled(action(args(editor, { cookie, form: { csrf, intent: "move_relay", id: String(id), direction: "up" } })))).status).toBe(303);
    const moved = await list();
    expect(moved.at(-2)).toMatchObject({ id, relayed: { en: "A touring exhibition" } });
    expect((await settled(action(args(editor, { cookie, form: { csrf, intent: "remove_relay", id: String(id) } })))).status).toBe(303);
    expect((await list()).map((relay) => relay.id)).not.toContain(id);
    const actions = await db().selectFrom("audit_log").select("action").where("subject_type", "=", "relay_authority").where("subject_id", "=", String(id)).where("edition_id", "=", access.editionId).orderBy("id").execute();
    expect(actions.map((row) => row.action)).toEqual(["partners.relay.create", "partners.relay.update", "partners.relay.move", "partners.relay.remove"]);
    expect(await settled(action(args(editor, { cookie, form: { csrf, intent: "create_relay", submission: newSubmissionKey(), name_fr: "Seule" } })))).toMatchObject({
      status: 422,
      body: { formId: "new-relay", fieldErrors: { name_en: "partners.error.bothLanguages", relayed_fr: "partners.error.required" } },
    });
  });

  it("shows the section to an organiser, with the demo authorities, privately", async () => {
    const { cookie } = await organiser();
    const page = await settled(loader(args(editor, { cookie })));
    expect(page.status).toBe(200);
    const body = page.body as { relays: unknown[]; supporters: unknown[]; supporterKey: string; permissions: string[] };
    expect(body.relays.length).toBeGreaterThanOrEqual(3);
    expect(body.supporters.length).toBeGreaterThan(0);
    expect(body.permissions).toContain("content");
  });
});
