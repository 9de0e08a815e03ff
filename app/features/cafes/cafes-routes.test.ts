import { describe, expect, it, vi } from "vitest";
import { getEdition } from "~/features/editions/editions.server";
import { saveOwnProfile } from "~/features/meetings/profiles.server";
import { register } from "~/features/registration/registration.server";
import { action as backOfficeAction, loader as backOfficeLoader } from "~/routes/back-office-cafes";
import { action, loader } from "~/routes/cafes";
import { databaseKinds, useTestDatabase } from "~/test/database";
import { createPerson, personFields, registrationRequest, signedInOrganiser, staffSession } from "~/test/factories";
import { settled } from "~/test/route-answers";
import { readContentVersion } from "~/features/site/content-version.server";

const publicUrl = "http://localhost:3000";
const now = new Date("2026-05-01T10:00:00Z");

describe.each(databaseKinds)("café pages on %s", (kind) => {
  const database = useTestDatabase(kind, { demo: true });
  const db = () => database().db;
  const contentChanged = vi.fn(async () => undefined);

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

  async function participant(family: string, profile = false) {
    const edition = await getEdition(db(), 2026);
    const person = await createPerson(db());
    const { id } = await register(db(), registrationRequest(edition.id, person, { fields: personFields({ email: person.email, family_name: family }) }));
    await db().updateTable("registration").set({ status: "confirmed" }).where("id", "=", id).execute();
    if (profile)
      await saveOwnProfile(db(), {
        editionId: edition.id,
        personId: person.id,
        fields: { region: "", offer: "", seek: "", themeIds: [], countries: [], maxMeetings: null, unavailableBlockIds: [] },
        publish: true,
        consentText: "I agree",
        language: "fr",
        now,
      });
    return { registrationId: id, ...(await staffSession(db(), person, now)) };
  }

  it("lets organisers add tables (the public pages' version changes), refuses partners, and lets a participant book then be refused a clash", async () => {
    const organiser = await signedInOrganiser(db(), 2026, now);
    const block = await db()
      .selectFrom("session")
      .where("edition_id", "=", organiser.access.editionId)
      .where("kind", "=", "cafe")
      .select("id")
      .executeTakeFirstOrThrow();
    const hosts = [await participant("Hôte Un", true), await participant("Hôte Deux", true)];
    const page = "/fr/2026/organisation/cafes";
    const before = await readContentVersion(db());
    for (const [index, host] of hosts.entries()) {
      const added = await settled(
        backOfficeAction(
          args(page, {
            cookie: organiser.cookie,
            form: {
              csrf: organiser.person.csrfToken,
              intent: "add",
              session: String(block.id),
              host: String(host.registrationId),
              topic_fr: `Sujet ${index}`,
              topic_en: `Topic ${index}`,
              language: "fr",
              table: `T${index}`,
              seats: "4",
            },
          }),
        ),
      );
      expect(added).toMatchObject({ status: 303, location: `${page}?done=added` });
    }
    expect(contentChanged).toHaveBeenCalledTimes(2);
    expect(await readContentVersion(db())).toBe(before); // bumped by contentChanged, mocked here
    const shown = await settled(backOfficeLoader(args(page, { cookie: organiser.cookie })));
    expect(shown.status).toBe(200);
    const cafes = (shown.body as { overview: { cafes: { id: number; table: string }[] } }).overview.cafes;
    expect(cafes.map((cafe) => cafe.table)).toEqual(["T0", "T1"]);

    const partner = await signedInOrganiser(db(), 2026, now, "partner");
    expect((await settled(backOfficeLoader(args(page, { cookie: partner.cookie })))).status).toBe(404);

    const guest = await participant("Invitée");
    const cafesPath = "/fr/2026/cafes";
    expect((await settled(loader(args(cafesPath)))).status).toBe(302);
    const listed = await settled(loader(args(cafesPath, { cookie: guest.cookie })));
    expect(listed.status).toBe(200);
    const round = "2026-07-09T12:30:00.000Z";
    const booked = await settled(
      action(args(cafesPath, { cookie: guest.cookie, form: { csrf: guest.csrf, intent: "book", cafe: String(cafes[0]!.id), round } })),
    );
    expect(booked).toMatchObject({ status: 303, location: `${cafesPath}?done=booked` });
    const refused = await settled(
      action(args(cafesPath, { cookie: guest.cookie, form: { csrf: guest.csrf, intent: "book", cafe: String(cafes[1]!.id), round } })),
    );
    expect(refused).toMatchObject({ status: 409, body: { error: { code: "cafe_clash_cafe", message: "cafes.error.clashCafe" } } });
    const forged = await settled(action(args(cafesPath, { cookie: guest.cookie, form: { csrf: "wrong", intent: "book", cafe: String(cafes[1]!.id), round } })));
    expect(forged.status).toBe(403);
    const badRound = await settled(
      action(args(cafesPath, { cookie: guest.cookie, form: { csrf: guest.csrf, intent: "book", cafe: String(cafes[1]!.id), round: "soon" } })),
    );
    expect(badRound.status).toBe(404);
  });
});
