import { beforeAll, describe, expect, it } from "vitest";
import type { StaffRole } from "~/features/organisers/roles";
import { register } from "~/features/registration/registration.server";
import { action as composeAction, loader as composeLoader } from "~/routes/back-office-message-compose";
import { action as messageAction, loader as messageLoader } from "~/routes/back-office-message";
import { loader as listLoader } from "~/routes/back-office-messages";
import { action as tableAction } from "~/routes/back-office-registrations";
import { databaseKinds, useTestDatabase } from "~/test/database";
import { createEdition, createPerson, createStaff, personFields, registrationRequest, staffSession } from "~/test/factories";
import { settled } from "~/test/route-answers";

const publicUrl = "http://localhost:3000";
const now = new Date("2026-05-01T10:00:00Z");

describe.each(databaseKinds)("the message pages on %s", (kind) => {
  const database = useTestDatabase(kind, { demo: true });
  const db = () => database().db;
  let year: number;
  let otherYear: number;
  const sessions = new Map<string, { cookie: string; csrf: string }>();
  const registrations: number[] = [];

  function args(path: string, who: string, options: { form?: Record<string, string>; params?: Record<string, string> } = {}) {
    const session = sessions.get(who)!;
    const body = options.form ? new URLSearchParams({ csrf: session.csrf, ...options.form }) : undefined;
    const request = new Request(publicUrl + path, { method: body ? "POST" : "GET", headers: { Origin: publicUrl, Cookie: session.cookie }, body });
    return { request, context: { db: db(), env: { PUBLIC_URL: publicUrl }, now: () => now }, params: { year: path.split("/")[2]!, ...options.params } } as never;
  }

  beforeAll(async () => {
    const editionId = await createEdition(db());
    ({ year } = await db().selectFrom("edition").select("year").where("id", "=", editionId).executeTakeFirstOrThrow());
    const otherId = await createEdition(db());
    ({ year: otherYear } = await db().selectFrom("edition").select("year").where("id", "=", otherId).executeTakeFirstOrThrow());
    const roles: [string, StaffRole, number | null][] = [
      ["owner", "owner", year],
      ["organiser", "organiser", year],
      ["everyEdition", "organiser", null],
      ["checkin", "checkin", year],
      ["partner", "partner", year],
      ["elsewhere", "organiser", otherYear],
    ];
    for (const [name, role, on] of roles) {
      const person = await createStaff(db(), role, on);
      sessions.set(name, await staffSession(db(), person, now));
    }
    for (const [family, language] of [["Lefort", "fr"], ["Brown", "en"]] as const) {
      const person = await createPerson(db(), { language });
      const { id } = await register(db(), registrationRequest(editionId, person, { fields: personFields({ email: person.email, family_name: family, city: "Ouagadougou" }) }));
      await db().updateTable("registration").set({ status: "confirmed" }).where("id", "=", id).execute();
      registrations.push(id);
    }
  });

  const compose = {
    kind: "message",
    subject_fr: "Bonjour {first_name}",
    subject_en: "Hello {first_name}",
    body_fr: "Bonjour {name}, votre espace : {registration_link}",
    body_en: "Hello {name}, your space: {registration_link}",
    audience: "view",
    view: "q=ouagadougou",
  };

  it("lets owners and organisers of the edition in, and answers 404 to check-in, partners and organisers of another edition", async () => {
    const list = `/fr/${year}/organisation/messages`;
    const created = await settled(composeAction(args(`${list}/redaction`, "organiser", { form: compose })));
    expect(created.status).toBe(303);
    const messageId = /messages\/(\d+)\?done=saved$/.exec(created.location ?? "")?.[1];
    expect(messageId).toBeDefined();
    const page = `${list}/${messageId}`;
    const loaders = [
      () => (who: string) => listLoader(args(list, who)),
      () => (who: string) => composeLoader(args(`${list}/redaction?q=ouagadougou`, who)),
      () => (who: string) => composeLoader(args(`${page}/modifier`, who, { params: { messageId: messageId! } })),
      () => (who: string) => messageLoader(args(page, who, { params: { messageId: messageId! } })),
    ];
    for (const loader of loaders) {
      for (const who of ["owner", "organiser", "everyEdition"]) expect((await settled(loader()(who))).status, who).toBe(200);
      for (const who of ["checkin", "partner", "elsewhere"]) expect((await settled(loader()(who))).status, who).toBe(404);
    }
    for (const who of ["checkin", "partner", "elsewhere"]) {
      expect((await settled(composeAction(args(`${list}/redaction`, who, { form: compose })))).status, who).toBe(404);
      expect((await settled(messageAction(args(page, who, { form: { intent: "confirm", expected: "2" }, params: { messageId: messageId! } })))).status, who).toBe(404);
    }
    // The same id under another edition's address names nothing.
    const across = await settled(messageLoader(args(`/fr/${otherYear}/organisation/messages/${messageId}`, "elsewhere", { params: { messageId: messageId! } })));
    expect(across.status).toBe(404);
    expect(await db().selectFrom("message").select("status").where("id", "=", Number(messageId)).executeTakeFirstOrThrow()).toEqual({ status: "draft" });
  });

  it("names an unknown placeholder, reviews, previews, tests, confirms with the count and reports", async () => {
    const list = `/fr/${year}/organisation/messages`;
    const refused = await settled(composeAction(args(`${list}/redaction`, "owner", { form: { ...compose, body_en: "Hello {nom}" } })));
    expect(refused).toMatchObject({ status: 422, body: { error: { code: "message_placeholder_unknown" }, unknown: ["nom"], values: { body_en: "Hello {nom}" } } });
    const created = await settled(composeAction(args(`${list}/redaction`, "owner", { form: compose })));
    const messageId = /messages\/(\d+)/.exec(created.location ?? "")![1]!;
    const page = `${list}/${messageId}`;
    const params = { messageId };
    const shown = await settled(messageLoader(args(page, "owner", { params })));
    expect(shown.body).toMatchObject({ review: { total: 2, byLanguage: { fr: 1, en: 1 } }, report: null });
    const { choices, preview } = shown.body as { choices: { registrationId: number; language: string }[]; preview: { language: string; html: string } };
    expect(choices).toHaveLength(2);
    const english = choices.find((choice) => choice.language === "en")!;
    const asEnglish = await settled(messageLoader(args(`${page}?preview=${english.registrationId}`, "owner", { params })));
    expect(asEnglish.body).toMatchObject({ preview: { language: "en", subject: "Hello Camille" } });
    expect(preview.html).toContain("<!doctype html>");

    const test = await settled(messageAction(args(page, "owner", { form: { intent: "test", registration: String(english.registrationId) }, params })));
    expect(test.status).toBe(303);
    const wrong = await settled(messageAction(args(page, "owner", { form: { intent: "confirm", expected: "3" }, params })));
    expect(wrong.body).toMatchObject({ changed: { total: 2 } });
    const confirmed = await settled(messageAction(args(page, "owner", { form: { intent: "confirm", expected: "2" }, params })));
    expect(confirmed).toMatchObject({ status: 303, location: `${page}?done=confirmed` });
    // Confirming queued the first batch at once.
    const report = await settled(messageLoader(args(page, "owner", { params })));
    expect(report.body).toMatchObject({ message: { status: "queued" }, report: { total: 2, waiting: 0, pending: 2, sent: 0, failed: 0 } });
    const again = await settled(composeAction(args(`${page}/modifier`, "owner", { form: compose, params })));
    expect(again).toMatchObject({ status: 409, body: { error: { code: "message_not_editable" } } });
  });

  it("opens the composer from the table's bulk actions with the rows ticked, or the table's filter, and counts them", async () => {
    const table = `/fr/${year}/organisation/inscriptions`;
    const ticked = await settled(tableAction(args(table, "organiser", { form: { intent: "bulk_review", decision: "message", scope: "selection", registration: String(registrations[1]) } })));
    expect(ticked).toMatchObject({ status: 303, location: `/fr/${year}/organisation/messages/redaction?registration=${registrations[1]}` });
    const composer = await settled(composeLoader(args(ticked.location!, "organiser")));
    expect(composer.body).toMatchObject({ values: { audience: "view", view: `registration=${registrations[1]}` } });
    const saved = await settled(composeAction(args(`/fr/${year}/organisation/messages/redaction`, "organiser", { form: { ...compose, view: `registration=${registrations[1]}` } })));
    const messageId = /messages\/(\d+)/.exec(saved.location ?? "")![1]!;
    const shown = await settled(messageLoader(args(`/fr/${year}/organisation/messages/${messageId}`, "organiser", { params: { messageId } })));
    expect(shown.body).toMatchObject({ review: { total: 1, byLanguage: { fr: 0, en: 1 } } });

    const filtered = await settled(tableAction(args(table, "organiser", { form: { intent: "bulk_review", decision: "message", scope: "filter", view: "q=ouagadougou" } })));
    expect(filtered.location).toBe(`/fr/${year}/organisation/messages/redaction?q=ouagadougou`);
    const empty = await settled(tableAction(args(table, "organiser", { form: { intent: "bulk_review", decision: "message", scope: "selection" } })));
    expect(empty).toMatchObject({ status: 422, body: { error: { code: "bulk_scope_empty" } } });
  });
});
