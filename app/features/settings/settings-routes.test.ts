import { describe, expect, it, vi } from "vitest";
import { openSignInSession } from "~/features/accounts/sign-in-sessions.server";
import { getEdition } from "~/features/editions/editions.server";
import { listQuestions } from "~/features/registration/questions.server";
import * as practicalPage from "~/routes/back-office-practical";
import * as questionsPage from "~/routes/back-office-questions";
import * as registrationSettingsPage from "~/routes/back-office-registration-settings";
import * as retentionPage from "~/routes/back-office-retention";
import * as privacyPage from "~/routes/privacy";
import { newSubmissionKey } from "~/lib/once.server";
import { databaseKinds, useTestDatabase } from "~/test/database";
import { createPerson, createStaff, signedInOrganiser } from "~/test/factories";
import { addPracticalSection, listPracticalSections } from "./practical.server";

const publicUrl = "http://localhost:3000";
const now = new Date("2026-05-01T10:00:00Z");

function answer(result: unknown): { status: number; body: unknown; location?: string | null; headers?: Headers } {
  if (result instanceof Response) return { status: result.status, body: undefined, location: result.headers.get("Location"), headers: result.headers };
  if (result && typeof result === "object" && "init" in result && "data" in result) {
    const init = result.init as ResponseInit | null;
    return { status: init?.status ?? 200, body: result.data, headers: new Headers(init?.headers) };
  }
  return { status: 200, body: result };
}
const settled = (promise: Promise<unknown>) => promise.then(answer, answer);

type Page = { loader: (args: never) => Promise<unknown>; action: (args: never) => Promise<unknown> };
const pages: { name: string; page: Page; path: string; permission: "content" | "team"; form: Record<string, string> }[] = [
  { name: "practical information", page: practicalPage as unknown as Page, path: "organisation/infos-pratiques", permission: "content", form: { intent: "delete", section: "1" } },
  {
    name: "registration settings",
    page: registrationSettingsPage as unknown as Page,
    path: "organisation/reglages-inscription",
    permission: "content",
    form: { opens_at: "2026-01-01T10:00", closes_at: "2026-06-01T10:00", capacity: "1" },
  },
  { name: "questions", page: questionsPage as unknown as Page, path: "organisation/questions", permission: "content", form: { intent: "remove", question: "1" } },
  { name: "retention", page: retentionPage as unknown as Page, path: "organisation/conservation", permission: "team", form: { retention_days: "0", health_retention_days: "0" } },
];

describe.each(databaseKinds)("settings pages on %s", (kind) => {
  const database = useTestDatabase(kind, { demo: true });
  const db = () => database().db;
  const contentChanged = vi.fn(async () => {});

  function args(path: string, options: { cookie?: string; form?: Record<string, string> } = {}) {
    const body = options.form ? new URLSearchParams(options.form) : undefined;
    const request = new Request(publicUrl + path, {
      method: body ? "POST" : "GET",
      headers: { Origin: publicUrl, ...(options.cookie ? { Cookie: options.cookie } : {}) },
      body,
    });
    const context = { db: db(), env: { PUBLIC_URL: publicUrl }, now: () => now, contentChanged };
    return { request, context, params: { year: path.split("/")[2] } } as never;
  }

  const cookieOf = async (person: { id: number }) => `rencontres_session=${(await openSignInSession(db(), person.id, now)).token}`;
  const editionRow = () => db().selectFrom("edition").selectAll().where("year", "=", 2026).executeTakeFirstOrThrow();

  describe.each(pages)("the $name page", ({ page, path, permission, form }) => {
    const url = `/fr/2026/${path}`;

    it("sends an anonymous visitor to sign in", async () => {
      const result = await settled(page.loader(args(url)));
      expect(result.status).toBe(302);
      expect(result.location).toBe(`/fr/connexion?return_to=${encodeURIComponent(url)}`);
      expect((await settled(page.action(args(url, { form })))).status).toBe(302);
    });

    it("does not exist for a participant, an organiser of another edition, check-in and partner roles, and changes nothing when posted to", async () => {
      const before = await editionRow();
      const intruders = [await createPerson(db()), await createStaff(db(), "organiser", 2025), await createStaff(db(), "checkin", 2026), await createStaff(db(), "partner", 2026)];
      if (permission === "team") intruders.push(await createStaff(db(), "organiser", 2026));
      for (const intruder of intruders) {
        const cookie = await cookieOf(intruder);
        expect(await settled(page.loader(args(url, { cookie })))).toMatchObject({ status: 404 });
        const session = await db().selectFrom("auth_session").innerJoin("person", "person.id", "auth_session.person_id").where("person.id", "=", intruder.id).select("csrf_token").executeTakeFirstOrThrow();
        expect(await settled(page.action(args(url, { cookie, form: { ...form, csrf: session.csrf_token } })))).toMatchObject({ status: 404 });
      }
      expect(await editionRow()).toEqual(before);
    });

    it("opens for the edition's owner, privately", async () => {
      const owner = await signedInOrganiser(db(), 2026, now, "owner");
      const result = await settled(page.loader(args(url, { cookie: owner.cookie })));
      expect(result.status).toBe(200);
      expect(result.headers?.get("Cache-Control")).toBe("private, no-store");
    });

    it("refuses a form without the person's CSRF token", async () => {
      const owner = await signedInOrganiser(db(), 2026, now, "owner");
      expect(await settled(page.action(args(url, { cookie: owner.cookie, form })))).toMatchObject({ status: 403 });
    });
  });

  it("adds a practical section, then redirects to the page that shows it, and tells the page cache", async () => {
    const organiser = await signedInOrganiser(db(), 2026, now);
    contentChanged.mockClear();
    const result = await settled(
      practicalPage.action(
        args("/en/2026/organisers/practical-information", {
          cookie: organiser.cookie,
          form: {
            csrf: organiser.person.csrfToken,
            intent: "add",
            submission: newSubmissionKey(),
            title_fr: "Vestiaire",
            title_en: "Cloakroom",
            body_fr: "Au rez-de-chaussée.\n\n<script>alert(1)</script>",
            body_en: "On the ground floor.",
          },
        }),
      ),
    );
    expect(result.status).toBe(303);
    expect(result.location).toMatch(/^\/en\/2026\/organisers\/practical-information\?done=added#section-\d+$/);
    expect(contentChanged).toHaveBeenCalledTimes(1);
    const sections = await listPracticalSections(db(), organiser.access.editionId);
    expect(sections.at(-1)).toMatchObject({ title: { en: "Cloakroom" }, body: { fr: "Au rez-de-chaussée.\n\n<script>alert(1)</script>" } });
  });

  it("shows a refused section form again with its errors by field, and adds nothing", async () => {
    const organiser = await signedInOrganiser(db(), 2026, now);
    const count = (await listPracticalSections(db(), organiser.access.editionId)).length;
    const result = await settled(
      practicalPage.action(
        args("/fr/2026/organisation/infos-pratiques", {
          cookie: organiser.cookie,
          form: { csrf: organiser.person.csrfToken, intent: "add", submission: newSubmissionKey(), title_fr: "", title_en: "", body_fr: "x".repeat(5000), body_en: "y" },
        }),
      ),
    );
    expect(result).toMatchObject({ status: 422, body: { refused: { target: "new", errors: { title_fr: "settings.error.required", body_fr: "settings.error.tooLong" }, values: { body_en: "y" } } } });
    expect(await listPracticalSections(db(), organiser.access.editionId)).toHaveLength(count);
  });

  it("answers 404 to a section or question of another edition posted to the 2026 pages, and changes nothing", async () => {
    const organiser2025 = await signedInOrganiser(db(), 2025, now);
    const { id: sectionId } = await addPracticalSection(db(), organiser2025.access, {
      input: { title: { fr: "A", en: "A" }, body: { fr: "B", en: "B" } },
      submissionKey: newSubmissionKey(),
      now,
    });
    const [question] = await listQuestions(db(), (await getEdition(db(), 2025)).id);
    const organiser = await signedInOrganiser(db(), 2026, now);
    const post = (page: Page, path: string, fields: Record<string, string>) =>
      settled(page.action(args(`/fr/2026/organisation/${path}`, { cookie: organiser.cookie, form: { csrf: organiser.person.csrfToken, ...fields } })));
    const section = { title_fr: "X", title_en: "X", body_fr: "X", body_en: "X" };
    const sectionPosts: Record<string, string>[] = [{ intent: "delete" }, { intent: "move", direction: "up" }, { intent: "edit", ...section }];
    for (const fields of sectionPosts) {
      expect(await post(practicalPage as unknown as Page, "infos-pratiques", { ...fields, section: String(sectionId) })).toMatchObject({
        status: 404,
        body: { error: { code: "practical_section_not_found" } },
      });
    }
    const questionFields = { label_fr: "X", label_en: "X", kind: "text" };
    const questionPosts: Record<string, string>[] = [{ intent: "remove" }, { intent: "move", direction: "down" }, { intent: "edit", ...questionFields }];
    for (const fields of questionPosts) {
      expect(await post(questionsPage as unknown as Page, "questions", { ...fields, question: String(question!.id) })).toMatchObject({
        status: 404,
        body: { error: { code: "question_not_found" } },
      });
    }
    expect((await listPracticalSections(db(), organiser2025.access.editionId)).find((row) => row.id === sectionId)).toMatchObject({ title: { fr: "A" } });
    expect((await listQuestions(db(), (await getEdition(db(), 2025)).id))[0]).toEqual(question);
  });

  it("explains a capacity below the confirmed registrations and keeps what was typed", async () => {
    const organiser = await signedInOrganiser(db(), 2026, now);
    await db().updateTable("registration_counter").set({ confirmed: 3 }).where("edition_id", "=", organiser.access.editionId).execute();
    const result = await settled(
      registrationSettingsPage.action(
        args("/fr/2026/organisation/reglages-inscription", {
          cookie: organiser.cookie,
          form: { csrf: organiser.person.csrfToken, opens_at: "2026-01-01T10:00", closes_at: "2026-06-01T10:00", capacity: "2" },
        }),
      ),
    );
    expect(result).toMatchObject({ status: 409, body: { error: { code: "capacity_below_confirmed" }, refused: { values: { capacity: "2" } } } });
    await db().updateTable("registration_counter").set({ confirmed: 0 }).where("edition_id", "=", organiser.access.editionId).execute();
  });

  it("shows the owner the retention dry run", async () => {
    const owner = await signedInOrganiser(db(), 2025, now, "owner");
    const result = await settled(retentionPage.loader(args("/en/2025/organisers/retention", { cookie: owner.cookie })));
    expect(result).toMatchObject({ status: 200, body: { plan: { anonymiseOn: new Date("2026-07-04T22:00:00Z"), fields: expect.arrayContaining(["email"]) } } });
  });

  it("tells visitors, in the privacy notice, the periods the current edition's owners set", async () => {
    const owner = await signedInOrganiser(db(), 2026, now, "owner");
    const form = { csrf: owner.person.csrfToken, retention_days: "200", health_retention_days: "7" };
    expect((await settled(retentionPage.action(args("/fr/2026/organisation/conservation", { cookie: owner.cookie, form })))).status).toBe(303);
    const notice = await settled(privacyPage.loader(args("/fr/donnees-personnelles")));
    expect(notice).toMatchObject({ status: 200, body: { retention: { year: 2026, days: 200, healthDays: 7 } } });
  });
});
