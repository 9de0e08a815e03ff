import type { Kysely } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import type { DB } from "~/db/schema";
import { getEdition } from "~/features/editions/editions.server";
import type { BackOfficeAccess } from "~/features/organisers/organisers.server";
import { register } from "~/features/registration/registration.server";
import { signUp } from "~/features/registration/signups.server";
import { databaseKinds, useTestDatabase } from "~/test/database";
import { createEdition, createPerson, createWorkshop, personFields, registrationRequest, signedInOrganiser } from "~/test/factories";
import { inviteAndAccept } from "~/test/invitations";
import { emptyFilter, parseFilter, type RegistrationFilter } from "./filter";
import { deleteSegment, matchingRegistrationIds, saveSegment, savedSegment, savedSegments } from "./segments.server";

const now = new Date("2026-05-01T10:00:00Z");
const publicUrl = "https://rencontres.example.org";

describe.each(databaseKinds)("segments on %s", (kind) => {
  const connection = useTestDatabase(kind, { demo: true });
  const db = (): Kysely<DB> => connection().db;
  let access: BackOfficeAccess;
  let otherAccess: BackOfficeAccess;
  /** Registration ids by the name the test gives each person. */
  const ids: Record<string, number> = {};
  let workshop: number;
  let question: number;
  let delegation: number;
  let days: string[];

  async function registerAs(
    name: string,
    fields: Parameters<typeof personFields>[0],
    options: { language?: "fr" | "en"; answers?: Record<number, string | string[]>; editionId?: number } = {},
  ) {
    const person = await createPerson(db(), { language: options.language ?? "fr" });
    const edition = await getEdition(db(), 2026);
    const request = registrationRequest(options.editionId ?? edition.id, person, { fields: personFields({ email: person.email, ...fields }), answers: options.answers ?? {} });
    const { id } = await register(db(), request);
    ids[name] = id;
    return { person, id };
  }

  /** The names of the people the filter keeps, sorted. */
  async function matching(filter: Partial<RegistrationFilter> | URLSearchParams, as = access): Promise<string[]> {
    const complete = filter instanceof URLSearchParams ? parseFilter(filter) : { ...emptyFilter, ...filter };
    const found = new Set(await matchingRegistrationIds(db(), as, complete));
    return Object.entries(ids)
      .filter(([, id]) => found.has(id))
      .map(([name]) => name)
      .sort();
  }
  const url = (query: string) => new URLSearchParams(query);

  beforeAll(async () => {
    ({ access } = await signedInOrganiser(db(), 2026));
    const edition = await getEdition(db(), 2026);
    days = edition.days;
    expect(days.length).toBeGreaterThanOrEqual(2);
    workshop = await createWorkshop(db(), { start: "14:00", end: "15:30", capacity: 10 });
    ({ id: question } = await db()
      .insertInto("registration_question")
      .values({
        edition_id: edition.id,
        kind: "choice",
        label: JSON.stringify({ fr: "Déjeuner", en: "Lunch" }),
        options: JSON.stringify([
          { value: "vegetarian", label: { fr: "Végétarien", en: "Vegetarian" } },
          { value: "any", label: { fr: "Indifférent", en: "Anything" } },
        ]),
      })
      .returning("id")
      .executeTakeFirstOrThrow());

    const etienne = await registerAs(
      "etienne",
      { given_name: "Étienne", family_name: "Lefèvre", organisation_name: "Mairie de Lyon", city: "Lyon", country_code: "FR", days: [days[0]!] },
      { answers: { [question]: "vegetarian" } },
    );
    await signUp(db(), { registrationId: etienne.id, sessionId: workshop, personId: etienne.person.id, now, publicUrl });
    await db().updateTable("registration").set({ checked_in_at: now }).where("id", "=", etienne.id).execute();

    await registerAs(
      "joao",
      { given_name: "João", family_name: "Silva", organisation_name: "Prefeitura", organisation_type: "ngo", city: "São Paulo", country_code: "BR", days: [days[0]!, days[1]!] },
      { language: "en", answers: { [question]: "any" } },
    );
    await registerAs("percent", {
      given_name: "Ann",
      family_name: "O'Brien \\ 50%_off",
      organisation_name: "Conseil départemental",
      organisation_type: "department",
      city: "Dakar",
      country_code: "SN",
      category: "speaker",
      days: [days[1]!],
    });
    await db().updateTable("registration").set({ status: "waitlisted" }).where("id", "=", ids.percent!).execute();

    // A delegation: Étienne leads it, a colleague joins it.
    const colleague = await createPerson(db(), { language: "en" });
    const joined = await inviteAndAccept(db(), edition.id, etienne.person, colleague, {
      fields: personFields({ email: colleague.email, given_name: "Zoé", family_name: "Nguyễn", organisation_name: "Mairie de Lyon", country_code: "FR", days: [days[1]!] }),
    });
    ids.zoe = joined.id;
    ({ delegation_id: delegation } = (await db().selectFrom("registration").select("delegation_id").where("id", "=", joined.id).executeTakeFirstOrThrow()) as { delegation_id: number });

    // The same name in another edition, which no filter of this one may reach.
    const elsewhere = await createEdition(db());
    const otherYear = (await db().selectFrom("edition").select("year").where("id", "=", elsewhere).executeTakeFirstOrThrow()).year;
    ({ access: otherAccess } = await signedInOrganiser(db(), otherYear));
    await registerAs("elsewhere", { given_name: "Étienne", family_name: "Lefèvre", country_code: "FR" }, { editionId: elsewhere });
  });

  it("finds names, organisations, e-mails, cities and references whatever their case and accents", async () => {
    expect(await matching({ q: "etienne" })).toEqual(["etienne"]);
    expect(await matching({ q: "LEFEVRE" })).toEqual(["etienne"]);
    expect(await matching({ q: "Sao Paulo" })).toEqual(["joao"]);
    expect(await matching({ q: "são  PAULO" })).toEqual(["joao"]);
    expect(await matching({ q: "mairie lyon" })).toEqual(["etienne", "zoe"]);
    expect(await matching({ q: "nguyen zoe" })).toEqual(["zoe"]);
    const { email } = await db().selectFrom("person").innerJoin("registration", "registration.person_id", "person.id").select("person.email").where("registration.id", "=", ids.joao!).executeTakeFirstOrThrow();
    expect(await matching({ q: email.toUpperCase() })).toEqual(["joao"]);
    const { reference } = await db().selectFrom("registration").select("reference").where("id", "=", ids.percent!).executeTakeFirstOrThrow();
    expect(await matching({ q: reference.toLowerCase() })).toEqual(["percent"]);
  });

  it("takes %, _, quotes and backslashes literally, and a search of 10,000 characters finds nobody without failing", async () => {
    expect(await matching(url("q=%25"))).toEqual(["percent"]);
    expect(await matching(url("q=_"))).toEqual(["percent"]);
    expect(await matching(url("q=%27"))).toEqual(["percent"]);
    expect(await matching({ q: "\\" })).toEqual(["percent"]);
    expect(await matching({ q: "50%_off" })).toEqual(["percent"]);
    expect(await matching({ q: "5_%" })).toEqual([]);
    expect(await matching({ q: "'; drop table registration; --" })).toEqual([]);
    const huge = "é%_'\\".repeat(2000);
    expect(await matching(url(`q=${encodeURIComponent(huge)}`))).toEqual([]);
    expect(await matching({ q: huge })).toEqual([]);
    expect(parseFilter(url(`q=${encodeURIComponent(huge)}`)).q.length).toBe(200);
  });

  it("keeps each field's values, from the URL", async () => {
    expect(await matching(url("status=waitlisted"))).toEqual(["percent"]);
    expect(await matching(url("status=confirmed&status=waitlisted"))).toEqual(["etienne", "joao", "percent", "zoe"]);
    expect(await matching(url("category=speaker"))).toEqual(["percent"]);
    expect(await matching(url("organisation_type=ngo&organisation_type=department"))).toEqual(["joao", "percent"]);
    expect(await matching(url("country=BR&country=SN"))).toEqual(["joao", "percent"]);
    expect(await matching(url("origin=foreign"))).toEqual(["joao", "percent"]);
    expect(await matching(url("origin=domestic"))).toEqual(["etienne", "zoe"]);
    expect(await matching(url("language=en"))).toEqual(["joao", "zoe"]);
    expect(await matching(url(`workshop=${workshop}`))).toEqual(["etienne"]);
    expect(await matching(url("workshop=any"))).toEqual(["etienne"]);
    expect(await matching(url(`day=${days[0]}`))).toEqual(["etienne", "joao"]);
    expect(await matching(url("delegation=none"))).toEqual(["joao", "percent"]);
    expect(await matching(url("delegation=any"))).toEqual(["etienne", "zoe"]);
    expect(await matching(url("delegation=lead"))).toEqual(["etienne"]);
    expect(await matching(url(`delegation=${delegation}`))).toEqual(["etienne", "zoe"]);
    expect(await matching(url(`answer=${question}:vegetarian`))).toEqual(["etienne"]);
    expect(await matching(url(`answer=${question}:*`))).toEqual(["etienne", "joao"]);
    expect(await matching(url("checked_in=yes"))).toEqual(["etienne"]);
    expect(await matching(url("checked_in=no"))).toEqual(["joao", "percent", "zoe"]);
  });

  it("reads the days attended as ISO days on every database", async () => {
    const { days: attended } = await db().selectFrom("registration").select("days").where("id", "=", ids.joao!).executeTakeFirstOrThrow();
    expect(attended).toEqual([days[0], days[1]]);
  });

  it("drops values a field does not accept instead of failing", async () => {
    expect(await matching(url("status=nonsense&country=france&workshop=-1&day=tomorrow&answer=x"))).toEqual(["etienne", "joao", "percent", "zoe"]);
  });

  it("combines conditions with AND, OR and NOT", async () => {
    // Registered for day 1 but not day 2.
    expect(await matching(url(`day=${days[0]}&not_day=${days[1]}`))).toEqual(["etienne"]);
    // Foreign authorities without a workshop.
    expect(await matching(url("origin=foreign&not_workshop=any"))).toEqual(["joao", "percent"]);
    expect(await matching(url("match=any&country=BR&category=speaker"))).toEqual(["joao", "percent"]);
    expect(await matching(url("match=any&country=BR&not_language=en"))).toEqual(["etienne", "joao", "percent"]);
    expect(await matching(url("q=mairie&not_delegation=lead"))).toEqual(["zoe"]);
    // The search holds with "any" too: it narrows, it is not one of the alternatives.
    expect(await matching(url("q=lyon&match=any&country=BR&language=en"))).toEqual(["zoe"]);
  });

  it("saves a filter under a name, nests it in another, and refuses cycles, deep nesting and taken names", async () => {
    const dayTwo = await saveSegment(db(), access, { name: "  Day   two ", filter: { ...emptyFilter, include: { day: [days[1]!] } }, now });
    expect(dayTwo.name).toBe("Day two");
    expect(await matching({ include: { segment: [String(dayTwo.id)] } })).toEqual(["joao", "percent", "zoe"]);
    expect(await matching({ include: { day: [days[0]!] }, exclude: { segment: [String(dayTwo.id)] } })).toEqual(["etienne"]);
    const foreignDayTwo = await saveSegment(db(), access, { name: "Foreign, day two", filter: { ...emptyFilter, include: { origin: ["foreign"], segment: [String(dayTwo.id)] } }, now });
    expect(await matching({ include: { segment: [String(foreignDayTwo.id)] } })).toEqual(["joao", "percent"]);

    await expect(saveSegment(db(), access, { name: "day TWO", filter: emptyFilter, now })).rejects.toMatchObject({ code: "segment_name_taken" });
    await expect(saveSegment(db(), access, { name: "   ", filter: emptyFilter, now })).rejects.toMatchObject({ code: "segment_name_invalid" });
    await expect(saveSegment(db(), access, { name: "x".repeat(101), filter: emptyFilter, now })).rejects.toMatchObject({ code: "segment_name_invalid" });
    await expect(
      saveSegment(db(), access, { segmentId: dayTwo.id, name: "Day two", filter: { ...emptyFilter, exclude: { segment: [String(foreignDayTwo.id)] } }, now }),
    ).rejects.toMatchObject({ code: "segment_cycle" });

    let deepest = dayTwo;
    for (let level = 0; level < 4; level++) {
      deepest = await saveSegment(db(), access, { name: `Level ${level}`, filter: { ...emptyFilter, include: { segment: [String(deepest.id)] } }, now });
    }
    await expect(saveSegment(db(), access, { name: "Too deep", filter: { ...emptyFilter, include: { segment: [String(deepest.id)] } }, now })).rejects.toMatchObject({
      code: "segment_too_deep",
    });
    expect((await savedSegments(db(), access)).map((segment) => segment.name)).toContain("Foreign, day two");

    const audit = await db().selectFrom("audit_log").select(["action", "subject_id"]).where("subject_type", "=", "segment").where("subject_id", "=", String(dayTwo.id)).execute();
    expect(audit.map((row) => row.action)).toEqual(["segment.create"]);

    // Deleted, it matches nobody through the segments naming it.
    await deleteSegment(db(), access, { segmentId: dayTwo.id, now });
    expect(await matching({ include: { segment: [String(foreignDayTwo.id)] } })).toEqual([]);
    await expect(savedSegment(db(), access, dayTwo.id)).rejects.toMatchObject({ code: "segment_not_found" });
  });

  it("never reaches another edition: its registrations, its segments", async () => {
    expect(await matching({ q: "etienne" }, otherAccess)).toEqual(["elsewhere"]);
    const theirs = await saveSegment(db(), otherAccess, { name: "Everyone", filter: emptyFilter, now });
    expect(await matching({ include: { segment: [String(theirs.id)] } })).toEqual([]);
    expect(await matching({ exclude: { segment: [String(theirs.id)] } })).toEqual(["etienne", "joao", "percent", "zoe"]);
    await expect(savedSegment(db(), access, theirs.id)).rejects.toMatchObject({ code: "segment_not_found" });
    await expect(deleteSegment(db(), access, { segmentId: theirs.id, now })).rejects.toMatchObject({ code: "segment_not_found" });
    await expect(saveSegment(db(), access, { segmentId: theirs.id, name: "Mine now", filter: emptyFilter, now })).rejects.toMatchObject({ code: "segment_not_found" });
    expect((await savedSegment(db(), otherAccess, theirs.id)).name).toBe("Everyone");
  });

  it("leaves out registrations whose personal data were erased", async () => {
    const gone = await registerAs("gone", { given_name: "Étienne", family_name: "Parti" });
    await db().updateTable("registration").set({ anonymised_at: now }).where("id", "=", gone.id).execute();
    expect(await matching({ q: "etienne" })).toEqual(["etienne"]);
    delete ids.gone;
  });
});
