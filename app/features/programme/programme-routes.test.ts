import { sql } from "kysely";
import { describe, expect, it, vi } from "vitest";
import { openSignInSession } from "~/features/accounts/sign-in-sessions.server";
import { getEdition } from "~/features/editions/editions.server";
import * as editorPage from "~/routes/back-office-programme";
import * as sessionPage from "~/routes/back-office-session";
import * as speakersPage from "~/routes/back-office-speakers";
import * as publicSpeakersPage from "~/routes/speakers";
import { newSubmissionKey } from "~/lib/once.server";
import { databaseKinds, useTestDatabase } from "~/test/database";
import { createPerson, createStaff, signedInOrganiser } from "~/test/factories";
import { answer, settled } from "~/test/route-answers";

const publicUrl = "http://localhost:3000";
const now = new Date("2026-05-01T10:00:00Z");

type Route = { loader: (args: never) => Promise<unknown>; action?: (args: never) => Promise<unknown> };

describe.each(databaseKinds)("programme editor routes on %s", (kind) => {
  const database = useTestDatabase(kind, { demo: true });
  const db = () => database().db;
  const contentChanged = vi.fn(async () => {});

  function args(path: string, params: Record<string, string>, options: { cookie?: string; form?: Record<string, string> } = {}) {
    const body = options.form ? new URLSearchParams(options.form) : undefined;
    const request = new Request(publicUrl + path, {
      method: body ? "POST" : "GET",
      headers: { Origin: publicUrl, ...(options.cookie ? { Cookie: options.cookie } : {}) },
      body,
    });
    const context = { db: db(), env: { PUBLIC_URL: publicUrl }, now: () => now, contentChanged };
    return { request, context, params: { year: path.split("/")[2], ...params } } as never;
  }

  async function ids() {
    const e2025 = await getEdition(db(), 2025);
    const e2026 = await getEdition(db(), 2026);
    const session2025 = await db().selectFrom("session").where("edition_id", "=", e2025.id).select(["id", "title", "updated_at"]).orderBy("id").executeTakeFirstOrThrow();
    const session2026 = await db().selectFrom("session").where("edition_id", "=", e2026.id).select("id").orderBy("id").executeTakeFirstOrThrow();
    const speaker2025 = await db().selectFrom("speaker").where("edition_id", "=", e2025.id).select(["id", "name"]).executeTakeFirstOrThrow();
    const speaker2026 = await db().selectFrom("speaker").where("edition_id", "=", e2026.id).select("id").executeTakeFirstOrThrow();
    const room2025 = await db().selectFrom("room").where("venue_id", "=", e2025.venue_id).select(["id", "name"]).orderBy("id").executeTakeFirstOrThrow();
    const day2025 = await db().selectFrom("edition_day").where("edition_id", "=", e2025.id).select("id").executeTakeFirstOrThrow();
    const day2026 = await db().selectFrom("edition_day").where("edition_id", "=", e2026.id).select("id").orderBy("day").executeTakeFirstOrThrow();
    return { session2025, session2026, speaker2025, speaker2026, room2025, day2025, day2026 };
  }

  /** Every page of the editor, with the params its path carries. */
  async function pages(): Promise<[string, Route, string, Record<string, string>][]> {
    const { session2026, speaker2026 } = await ids();
    return [
      ["editor", editorPage, "/fr/2026/organisation/programme", {}],
      ["new session", sessionPage, "/fr/2026/organisation/programme/nouvelle-seance", {}],
      ["session", sessionPage, `/fr/2026/organisation/programme/${session2026.id}`, { sessionId: String(session2026.id) }],
      ["speakers", speakersPage, "/fr/2026/organisation/programme/intervenants", {}],
      ["speaker", speakersPage, `/fr/2026/organisation/programme/intervenants/${speaker2026.id}`, { speakerId: String(speaker2026.id) }],
    ];
  }

  it("sends an anonymous visitor of every editor page to sign in", async () => {
    for (const [, route, path, params] of await pages()) {
      const result = await settled(route.loader(args(path, params)));
      expect(result.status, path).toBe(302);
      expect(result.location, path).toBe(`/fr/connexion?return_to=${encodeURIComponent(path)}`);
    }
  });

  it("does not exist for a participant, an organiser of another edition, the check-in desk or a partner, and posting there changes nothing", async () => {
    const people = [await createPerson(db()), await createStaff(db(), "organiser", 2025), await createStaff(db(), "checkin", 2026), await createStaff(db(), "partner", 2026)];
    const auditBefore = (await db().selectFrom("audit_log").select("id").execute()).length;
    for (const person of people) {
      const { token } = await openSignInSession(db(), person.id, now);
      // Their own valid CSRF token: what refuses them is the missing right, not a forged form.
      const { csrf_token: csrfToken } = await db().selectFrom("auth_session").where("person_id", "=", person.id).select("csrf_token").executeTakeFirstOrThrow();
      const cookie = `rencontres_session=${token}`;
      for (const [name, route, path, params] of await pages()) {
        expect(await settled(route.loader(args(path, params, { cookie }))), `${name} for ${person.email}`).toMatchObject({ status: 404 });
        const form = { csrf: csrfToken, intent: name === "editor" ? "add_day" : "save", date: "2026-07-10", name: "X", submission: newSubmissionKey() };
        expect((await settled(route.action!(args(path, params, { cookie, form })))).status, `${name} POST for ${person.email}`).toBe(404);
      }
    }
    expect((await db().selectFrom("audit_log").select("id").execute()).length).toBe(auditBefore);
    expect(contentChanged).not.toHaveBeenCalled();
  });

  it("answers 404 to a 2025 session, speaker, room or day posted to the 2026 editor, and changes nothing", async () => {
    const { session2025, speaker2025, room2025, day2025, day2026 } = await ids();
    const organiser = await signedInOrganiser(db(), 2026, now);
    const cookie = organiser.cookie;
    const csrf = organiser.person.csrfToken;
    const sessionForm = {
      csrf,
      intent: "save",
      kind: "conference",
      title_fr: "Pris",
      title_en: "Taken",
      day: String(day2026.id),
      starts_at: "2026-07-08T09:00",
      ends_at: "2026-07-08T10:00",
    };
    const sessionPath = `/fr/2026/organisation/programme/${session2025.id}`;
    expect(await settled(sessionPage.loader(args(sessionPath, { sessionId: String(session2025.id) }, { cookie })))).toMatchObject({ status: 404, body: { code: "session_not_found" } });
    expect(await settled(sessionPage.action(args(sessionPath, { sessionId: String(session2025.id) }, { cookie, form: sessionForm })))).toMatchObject({
      status: 404,
      body: { error: { code: "session_not_found" } },
    });
    expect(await settled(sessionPage.action(args(sessionPath, { sessionId: String(session2025.id) }, { cookie, form: { csrf, intent: "delete" } })))).toMatchObject({ status: 404 });
    const newPath = "/fr/2026/organisation/programme/nouvelle-seance";
    const wrongs: Record<string, string>[] = [{ day: String(day2025.id) }, { room: String(room2025.id) }, { [`speaker_${speaker2025.id}`]: "speaker" }];
    for (const wrong of wrongs) {
      const result = await settled(sessionPage.action(args(newPath, {}, { cookie, form: { ...sessionForm, ...wrong, submission: newSubmissionKey() } })));
      expect(result.status, JSON.stringify(wrong)).toBe(404);
    }
    const speakerPath = `/fr/2026/organisation/programme/intervenants/${speaker2025.id}`;
    expect(await settled(speakersPage.action(args(speakerPath, { speakerId: String(speaker2025.id) }, { cookie, form: { csrf, intent: "save", name: "Taken" } })))).toMatchObject({
      status: 404,
      body: { error: { code: "speaker_not_found" } },
    });
    expect((await settled(speakersPage.action(args(speakerPath, { speakerId: String(speaker2025.id) }, { cookie, form: { csrf, intent: "remove" } })))).status).toBe(404);
    const editorPath = "/fr/2026/organisation/programme";
    expect(
      await settled(editorPage.action(args(editorPath, {}, { cookie, form: { csrf, intent: "update_room", room: String(room2025.id), room_name_fr: "Prise", room_name_en: "Taken" } }))),
    ).toMatchObject({ status: 404, body: { error: { code: "room_not_found" } } });
    expect((await settled(editorPage.action(args(editorPath, {}, { cookie, form: { csrf, intent: "remove_day", day: String(day2025.id) } })))).status).toBe(404);

    const e2026 = await getEdition(db(), 2026);
    expect(await db().selectFrom("session").where("edition_id", "=", e2026.id).where(sql`title->>'en'`, "=", "Taken").select("id").execute()).toEqual([]);
    expect(await db().selectFrom("session").where("id", "=", session2025.id).select(["title", "updated_at"]).executeTakeFirst()).toEqual({ title: session2025.title, updated_at: session2025.updated_at });
    expect(await db().selectFrom("speaker").where("id", "=", speaker2025.id).select("name").executeTakeFirst()).toEqual({ name: speaker2025.name });
    expect(await db().selectFrom("room").where("id", "=", room2025.id).select("name").executeTakeFirst()).toEqual({ name: room2025.name });
    expect(await db().selectFrom("edition_day").where("id", "=", day2025.id).select("id").executeTakeFirst()).toEqual({ id: day2025.id });
    expect(await db().selectFrom("audit_log").where("actor_person_id", "=", organiser.access.personId).select("id").execute()).toEqual([]);
  });

  it("creates a session once however often the form is sent, redirects to it, and tells the page cache", async () => {
    const { day2026, speaker2026 } = await ids();
    const organiser = await signedInOrganiser(db(), 2026, now);
    const path = "/fr/2026/organisation/programme/nouvelle-seance";
    const loaded = answer(await sessionPage.loader(args(path, {}, { cookie: organiser.cookie })));
    expect(loaded.headers?.get("Cache-Control")).toBe("private, no-store");
    const submission = (loaded.body as { submission: string }).submission;
    const form = {
      csrf: organiser.person.csrfToken,
      submission,
      intent: "save",
      kind: "workshop_regional",
      title_fr: "Atelier Afrique",
      title_en: "Africa workshop",
      day: String(day2026.id),
      starts_at: "2026-07-08T18:00",
      ends_at: "2026-07-08T19:00",
      requires_signup: "on",
      capacity: "30",
      [`speaker_${speaker2026.id}`]: "moderator",
    };
    contentChanged.mockClear();
    const first = await settled(sessionPage.action(args(path, {}, { cookie: organiser.cookie, form })));
    const again = await settled(sessionPage.action(args(path, {}, { cookie: organiser.cookie, form })));
    expect(first.status).toBe(303);
    expect(again.location).toBe(first.location);
    expect(first.location).toMatch(/^\/fr\/2026\/organisation\/programme\/\d+\?saved$/);
    const created = await db().selectFrom("session").where(sql`title->>'en'`, "=", "Africa workshop").select(["id", "starts_at", "capacity"]).execute();
    expect(created).toHaveLength(1);
    expect(created[0]?.starts_at.toISOString()).toBe("2026-07-08T16:00:00.000Z");
    expect(contentChanged).toHaveBeenCalled();
  });

  it("shows what is wrong with a session form, keeps what was typed, and creates nothing", async () => {
    const { day2026 } = await ids();
    const organiser = await signedInOrganiser(db(), 2026, now);
    const form = {
      csrf: organiser.person.csrfToken,
      submission: newSubmissionKey(),
      intent: "save",
      kind: "conference",
      title_fr: "Seulement en français",
      description_en: "Only English",
      day: String(day2026.id),
      starts_at: "2026-07-08T18:00",
      ends_at: "2026-07-08T17:00",
      requires_signup: "on",
    };
    const result = await settled(sessionPage.action(args("/fr/2026/organisation/programme/nouvelle-seance", {}, { cookie: organiser.cookie, form })));
    expect(result).toMatchObject({
      status: 422,
      body: {
        problems: { ends_at: "programme.problem.endsBeforeStart", capacity: "programme.problem.capacityForSignup" },
        values: { title_fr: "Seulement en français" },
      },
    });
    expect(await db().selectFrom("session").where(sql`title->>'fr'`, "=", "Seulement en français").select("id").execute()).toEqual([]);
  });

  it("shows the speakers of the edition on the public page, in both languages' paths", async () => {
    const fr = answer(await publicSpeakersPage.loader(args("/fr/2026/intervenants", {})));
    expect((fr.body as { speakers: { name: string }[] }).speakers.map((speaker) => speaker.name)).toEqual(["Michaël Delafosse"]);
    expect(fr.headers?.get("Cache-Control")).toBe("no-cache");
    expect((await settled(publicSpeakersPage.loader(args("/en/1999/speakers", {})))).status).toBe(404);
  });
});
