import type { Kysely } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import type { DB, RegistrationStatus } from "~/db/schema";
import type { BackOfficeAccess } from "~/features/organisers/organisers.server";
import { register } from "~/features/registration/registration.server";
import { emptyFilter, type RegistrationFilter } from "~/features/segments/filter";
import { action, loader } from "~/routes/back-office-registrations";
import { databaseKinds, useTestDatabase } from "~/test/database";
import { createEdition, createPerson, personFields, registrationRequest, signedInOrganiser } from "~/test/factories";
import { settled } from "~/test/route-answers";
import { saveSegment, deleteSegment } from "~/features/segments/segments.server";
import { applyBulkAction, registrationsTable, reviewBulkAction, tableChoices, tablePageSize } from "./table.server";
import { defaultOrder, readTableView, tableQuery, type TableOrder } from "./table-url";

const now = new Date("2026-05-01T10:00:00Z");
const publicUrl = "http://localhost:3000";

describe("the table's address", () => {
  it("reads the filter form's “none of these” as the field's NOT, and writes one address per view", () => {
    const view = readTableView(new URLSearchParams("q=++S%C3%A3o++&status=pending&mode_status=exclude&country=SN&mode_country=include&sort=name&dir=asc&page=2&junk=1"));
    expect(view).toEqual({ filter: { q: "São", match: "all", include: { country: ["SN"] }, exclude: { status: ["pending"] } }, order: { sort: "name", dir: "asc", page: 2 } });
    expect(tableQuery(view)).toBe("?q=S%C3%A3o&country=SN&not_status=pending&sort=name&dir=asc&page=2");
    expect(readTableView(new URLSearchParams(tableQuery(view)))).toEqual(view);
    expect(tableQuery({ filter: emptyFilter, order: defaultOrder })).toBe("");
    expect(readTableView(new URLSearchParams("sort=password&dir=up&page=-3")).order).toEqual(defaultOrder);
  });
});

describe.each(databaseKinds)("the registrations table on %s", (kind) => {
  const database = useTestDatabase(kind, { demo: true });
  const db = (): Kysely<DB> => database().db;
  let editionId: number;
  let year: number;
  let access: BackOfficeAccess;
  let cookie: string;
  let csrf: string;
  const ids: number[] = [];
  const families = ["Zola", "Ávila", "avila", "Éluard", "Martin", "Øster", "Dupont"];
  const statuses: RegistrationStatus[] = ["pending", "pending", "confirmed", "waitlisted", "cancelled", "pending", "confirmed"];

  beforeAll(async () => {
    editionId = await createEdition(db());
    ({ year } = await db().selectFrom("edition").select("year").where("id", "=", editionId).executeTakeFirstOrThrow());
    const organiser = await signedInOrganiser(db(), year, now);
    ({ access, cookie } = organiser);
    csrf = organiser.person.csrfToken;
    for (const [index, family] of families.entries()) {
      const person = await createPerson(db(), { language: index % 2 === 0 ? "fr" : "en" });
      const { id } = await register(
        db(),
        registrationRequest(editionId, person, { fields: personFields({ email: person.email, family_name: family, city: index % 2 === 0 ? "Lyon" : "Dakar" }), now: new Date(now.getTime() + index * 60_000) }),
      );
      await db().updateTable("registration").set({ status: statuses[index]! }).where("id", "=", id).execute();
      ids.push(id);
    }
  });

  const table = (filter: Partial<RegistrationFilter> = {}, order: Partial<TableOrder> = {}) =>
    registrationsTable(db(), access, { ...emptyFilter, ...filter }, { ...defaultOrder, ...order });
  const familiesOf = (page: Awaited<ReturnType<typeof table>>) => page.rows.map((row) => row.familyName);

  it("sorts by any column either way, accents and case folded, the id breaking ties", async () => {
    expect(familiesOf(await table({}, { sort: "name", dir: "asc" }))).toEqual(["Ávila", "avila", "Dupont", "Éluard", "Martin", "Øster", "Zola"]);
    expect(familiesOf(await table({}, { sort: "name", dir: "desc" }))).toEqual(["Zola", "Øster", "Martin", "Éluard", "Dupont", "avila", "Ávila"]);
    expect(familiesOf(await table())).toEqual([...families].reverse());
    // Dakar before Lyon; within a city, the first registered first.
    expect(familiesOf(await table({}, { sort: "city", dir: "asc" }))).toEqual(["Ávila", "Éluard", "Øster", "Zola", "avila", "Martin", "Dupont"]);
    // Statuses in the order a registration goes through them, not by their codes.
    expect(familiesOf(await table({}, { sort: "status", dir: "asc" }))).toEqual(["Zola", "Ávila", "Øster", "avila", "Dupont", "Éluard", "Martin"]);
    for (const sort of ["organisation", "organisation_type", "country", "category", "language", "checked_in"] as const) {
      expect((await table({}, { sort })).rows).toHaveLength(families.length);
    }
  });

  it("counts per status over the filter but for its status conditions, and the total over all of it", async () => {
    const all = await table();
    expect(all.byStatus).toEqual({ pending: 3, confirmed: 2, waitlisted: 1, cancelled: 1 });
    expect(all.total).toBe(7);
    const pending = await table({ include: { status: ["pending"] } });
    expect(pending.byStatus).toEqual(all.byStatus);
    expect(pending.total).toBe(3);
    const notCancelled = await table({ q: "lyon", exclude: { status: ["cancelled"] } });
    expect(notCancelled.byStatus).toEqual({ pending: 1, confirmed: 2, waitlisted: 0, cancelled: 1 });
    expect(notCancelled.total).toBe(3);
  });

  it("pages by fifty, never overlapping, and a page past the end shows the last", async () => {
    const extra: number[] = [];
    for (let index = 0; index < tablePageSize + 3; index++) {
      const person = await createPerson(db());
      extra.push((await register(db(), registrationRequest(editionId, person, { fields: personFields({ email: person.email, family_name: "Same" }) }))).id);
    }
    const first = await table({ q: "same" }, { sort: "name", dir: "asc" });
    const second = await table({ q: "same" }, { sort: "name", dir: "asc", page: 2 });
    expect(first.rows).toHaveLength(tablePageSize);
    expect(second.rows).toHaveLength(3);
    expect(first.pageCount).toBe(2);
    expect(new Set([...first.rows, ...second.rows].map((row) => row.id))).toEqual(new Set(extra));
    expect((await table({ q: "same" }, { page: 99 })).page).toBe(2);
    await db().deleteFrom("registration").where("id", "in", extra).execute();
  });

  it("offers the countries registered from, as soon as someone registers from a new one, and the saved segments", async () => {
    const before = await tableChoices(db(), access);
    expect(before.countries).toEqual(["FR"]);
    expect(before.segments).toEqual([]);
    for (const workshop of before.workshops) expect(workshop.startsAt).toBeInstanceOf(Date);
    const person = await createPerson(db());
    const { id } = await register(db(), registrationRequest(editionId, person, { fields: personFields({ email: person.email, country_code: "SN" }) }));
    expect((await tableChoices(db(), access)).countries).toEqual(["FR", "SN"]);
    // Erased, the registration no longer names its country.
    await db().updateTable("registration").set({ anonymised_at: now }).where("id", "=", id).execute();
    expect((await tableChoices(db(), access)).countries).toEqual(["FR"]);
    await db().deleteFrom("registration").where("id", "=", id).execute();
    const saved = await saveSegment(db(), access, { name: "zèbres", filter: { ...emptyFilter, q: "zola" }, now });
    const other = await saveSegment(db(), access, { name: "Avant", filter: emptyFilter, now });
    expect((await tableChoices(db(), access)).segments).toEqual([
      { id: other.id, name: "Avant" },
      { id: saved.id, name: "zèbres" },
    ]);
    for (const segment of [saved, other]) await deleteSegment(db(), access, { segmentId: segment.id, now });
  });

  it("shows no row but every count when nothing matches", async () => {
    const none = await table({ q: "nobody at all" }, { page: 3 });
    expect(none).toMatchObject({ rows: [], total: 0, page: 1, pageCount: 1 });
    expect(none.byStatus).toEqual({ pending: 0, confirmed: 0, waitlisted: 0, cancelled: 0 });
    // A status none has: the counts of the others still show.
    const contradictory = await table({ include: { status: ["waitlisted"] }, exclude: { status: ["waitlisted"] } });
    expect(contradictory).toMatchObject({ rows: [], total: 0 });
    expect(contradictory.byStatus).toEqual({ pending: 3, confirmed: 2, waitlisted: 1, cancelled: 1 });
  });

  it("reviews a bulk decision, applies it only as confirmed, and asks again when the registrations changed", async () => {
    const pendingOnes = [ids[0]!, ids[1]!, ids[5]!];
    const elsewhere = await createEdition(db());
    const stranger = await createPerson(db());
    const { id: foreign } = await register(db(), registrationRequest(elsewhere, stranger));
    await db().updateTable("registration").set({ status: "pending" }).where("id", "=", foreign).execute();

    // Ticked rows: those of another edition name nothing, those not pending are left as they are.
    const review = await reviewBulkAction(db(), access, { kind: "selection", registrationIds: [ids[0]!, ids[2]!, foreign] });
    expect(review).toEqual({ named: 2, touched: [ids[0]] });
    const segment = await reviewBulkAction(db(), access, { kind: "filter", filter: { ...emptyFilter, q: "lyon" } });
    expect(segment).toEqual({ named: 4, touched: [ids[0]] });
    expect((await reviewBulkAction(db(), access, { kind: "filter", filter: emptyFilter })).touched).toEqual(pendingOnes);

    const mailsTo = async () =>
      (await db().selectFrom("mail_outbox").innerJoin("registration", "registration.email", "mail_outbox.to_address").select("mail_outbox.id").where("registration.id", "in", [ids[0]!, ids[1]!]).execute()).length;
    const mailsBefore = await mailsTo();

    // Someone decided one meanwhile: nothing is done, the new count is shown.
    await db().updateTable("registration").set({ status: "confirmed" }).where("id", "=", ids[5]!).execute();
    const changed = await applyBulkAction(db(), access, { action: "refuse", scope: { kind: "filter", filter: emptyFilter }, expected: 3, now, publicUrl });
    expect(changed).toEqual({ changed: { named: 7, touched: [ids[0], ids[1]] } });
    expect(await db().selectFrom("registration").select("status").where("id", "in", pendingOnes).orderBy("id").execute()).toEqual([
      { status: "pending" },
      { status: "pending" },
      { status: "confirmed" },
    ]);

    const done = await applyBulkAction(db(), access, { action: "refuse", scope: { kind: "filter", filter: emptyFilter }, expected: 2, now, publicUrl });
    expect(done).toEqual({ done: 2 });
    const after = await db().selectFrom("registration").select(["id", "status"]).where("id", "in", [ids[0]!, ids[1]!, foreign]).orderBy("id").execute();
    expect(after).toEqual([
      { id: ids[0], status: "cancelled" },
      { id: ids[1], status: "cancelled" },
      { id: foreign, status: "pending" },
    ]);
    const log = await db().selectFrom("audit_log").select(["action", "subject_id", "after"]).where("edition_id", "=", editionId).where("action", "like", "registration.%").orderBy("id").execute();
    expect(log.map((entry) => entry.action)).toEqual(["registration.bulk_refuse", "registration.refuse", "registration.refuse"]);
    expect(log[0]!.after).toEqual({ scope: { filter: emptyFilter }, count: 2 });
    // Each person refused is told, as by a decision taken alone.
    expect(await mailsTo()).toBe(mailsBefore + 2);
  });

  describe("its page", () => {
    const page = `/fr/${2100}/organisation/inscriptions`;
    function args(query: string, options: { form?: Record<string, string | string[]>; method?: string } = {}) {
      const path = page.replace("2100", String(year)) + query;
      let body: URLSearchParams | undefined;
      if (options.form) {
        body = new URLSearchParams();
        for (const [name, value] of Object.entries({ csrf, ...options.form })) for (const one of [value].flat()) body.append(name, one);
      }
      const request = new Request(publicUrl + path, { method: options.method ?? (body ? "POST" : "GET"), headers: { Origin: publicUrl, Cookie: cookie }, body });
      return { request, context: { db: db(), env: { PUBLIC_URL: publicUrl }, now: () => now }, params: { year: String(year) } } as never;
    }

    it("sends a raw filter form to the view's one address, and answers HEAD like GET", async () => {
      const raw = await settled(loader(args("?q=dakar&status=pending&mode_status=exclude&match=all")));
      expect(raw.status).toBe(302);
      expect(raw.location).toBe(`/fr/${year}/organisation/inscriptions?q=dakar&not_status=pending`);
      const shown = await settled(loader(args("?q=dakar&not_status=pending")));
      expect(shown.status).toBe(200);
      // After the bulk refusal above: Ávila cancelled, Éluard waitlisted, Øster confirmed.
      expect(shown.body).toMatchObject({ table: { total: 3 }, view: { filter: { q: "dakar", exclude: { status: ["pending"] } } } });
      const head = await settled(loader(args("?q=dakar&not_status=pending", { method: "HEAD" })));
      expect(head.status).toBe(200);
    });

    it("answers a search of 10,000 characters and any URL junk without failing", async () => {
      const huge = encodeURIComponent("%_'\\\"".repeat(2000));
      const answer = await settled(loader(args(`?q=${huge}`)));
      expect(answer.status).toBe(302);
      const followed = await settled(loader(args(answer.location!.slice(answer.location!.indexOf("?")))));
      expect(followed).toMatchObject({ status: 200, body: { table: { total: 0 } } });
    });

    it("reviews, then confirms a bulk decision, and refuses an empty selection", async () => {
      const person = await createPerson(db());
      const { id } = await register(db(), registrationRequest(editionId, person, { fields: personFields({ email: person.email, family_name: "Bulkowska" }) }));
      await db().updateTable("registration").set({ status: "pending" }).where("id", "=", id).execute();
      const empty = await settled(action(args("", { form: { intent: "bulk_review", decision: "approve", scope: "selection" } })));
      expect(empty).toMatchObject({ status: 422, body: { error: { code: "bulk_scope_empty" } } });
      const review = await settled(action(args("", { form: { intent: "bulk_review", decision: "approve", scope: "filter", view: "q=bulkowska" } })));
      expect(review.body).toMatchObject({ review: { decision: "approve", scope: "filter", named: 1, touched: 1, changed: false } });
      expect((await db().selectFrom("registration").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status).toBe("pending");
      const applied = await settled(action(args("", { form: { intent: "bulk_apply", decision: "approve", scope: "filter", view: "q=bulkowska", expected: "1" } })));
      expect(applied.body).toEqual({ done: { decision: "approve", count: 1 } });
      expect((await db().selectFrom("registration").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status).toBe("confirmed");
    });

    it("saves the view as a segment, which then names it in the filter, and deletes it", async () => {
      const saved = await settled(action(args("", { form: { intent: "save_segment", name: "Dakar, not pending", view: "q=dakar&not_status=pending" } })));
      expect(saved.body).toEqual({ saved: "Dakar, not pending" });
      const { id } = await db().selectFrom("segment").select("id").where("edition_id", "=", editionId).where("name", "=", "Dakar, not pending").executeTakeFirstOrThrow();
      const shown = await settled(loader(args(`?segment=${id}`)));
      expect(shown.body).toMatchObject({ table: { total: 3 }, segments: [{ id, name: "Dakar, not pending" }] });
      const taken = await settled(action(args("", { form: { intent: "save_segment", name: "dakar, NOT pending", view: "" } })));
      expect(taken).toMatchObject({ status: 409, body: { error: { code: "segment_name_taken" } } });
      expect(await settled(action(args("", { form: { intent: "delete_segment", segment: String(id) } })))).toMatchObject({ body: { deleted: true } });
      expect(await settled(loader(args(`?segment=${id}`)))).toMatchObject({ body: { table: { total: 0 }, segments: [] } });
    });
  });
});
