import type { KyselyPlugin } from "kysely";
import { describe, expect, it } from "vitest";
import { getEdition } from "~/features/editions/editions.server";
import { databaseKinds, useTestDatabase } from "~/test/database";
import { createPerson, createWorkshop, registrationRequest } from "~/test/factories";
import { acceptance, invite } from "~/test/invitations";
import { acceptInvitation } from "./invitations.server";
import { register } from "./registration.server";
import { signUp } from "./signups.server";
import { personalSpace } from "./space.server";

const in2025 = new Date("2025-05-01T10:00:00Z");
const in2026 = new Date("2026-05-01T10:00:00Z");

describe.each(databaseKinds)("personal space on %s", (kind) => {
  const database = useTestDatabase(kind, { demo: true });
  const db = () => database().db;

  /** The database, counting the queries run through it. */
  function counted() {
    let queries = 0;
    const plugin: KyselyPlugin = {
      transformQuery: (args) => args.node,
      transformResult: (args) => {
        queries += 1;
        return Promise.resolve(args.result);
      },
    };
    return { db: db().withPlugin(plugin), count: () => queries };
  }

  it("shows each registration of a person with its own edition's workshops, wishes, agenda, delegation and invitations", async () => {
    const [edition2025, edition2026] = [await getEdition(db(), 2025), await getEdition(db(), 2026)];
    const person = await createPerson(db());
    const { id: id2026 } = await register(db(), registrationRequest(edition2026.id, person, { now: in2026 }));
    const workshop = await createWorkshop(db(), { day: "2026-07-08", start: "14:30", end: "16:00", capacity: 4, title: "space" });
    await signUp(db(), { registrationId: id2026, personId: person.id, sessionId: workshop, now: in2026, publicUrl: "https://x.org" });
    const round = await db()
      .insertInto("wish_round")
      .values({ edition_id: edition2026.id, opens_at: "2026-04-01T00:00:00Z", closes_at: "2026-06-01T00:00:00Z", seed: "space" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await createWorkshop(db(), { day: "2026-07-09", start: "08:00", end: "08:45", capacity: 2, title: "wished", wishRoundId: round.id });

    const one = counted();
    const before = await personalSpace(one.db, { personId: person.id }, in2026);
    expect(before.registrations).toHaveLength(1);

    const { id: id2025 } = await register(db(), registrationRequest(edition2025.id, person, { now: in2025 }));
    const colleague = await createPerson(db(), { email: `colleague.${person.id}@example.org` });
    const token = await invite(db(), edition2025.id, person, colleague, { now: in2025 });
    await acceptInvitation(db(), acceptance(edition2025.id, token, colleague, { now: in2025 }));
    await invite(db(), edition2026.id, person, { email: `invited.${person.id}@example.org` }, { now: in2026 });

    const two = counted();
    const space = await personalSpace(two.db, { personId: person.id }, in2026);
    // One query plan: a second registration adds rows, not queries.
    expect(two.count()).toBe(one.count());

    expect(space.registrations.map((r) => [r.id, r.year])).toEqual([
      [id2026, 2026],
      [id2025, 2025],
    ]);
    const [r2026, r2025] = space.registrations;
    expect(r2026!.open).toBe(true);
    expect(r2025!.open).toBe(false);
    expect(space.canRegister).toBe(false);

    expect(r2026!.workshops.find((session) => session.id === workshop)).toMatchObject({ mine: "confirmed", taken: 1, capacity: 4 });
    expect(r2026!.workshops.every((session) => session.edition_id === edition2026.id)).toBe(true);
    expect(r2025!.workshops.every((session) => session.edition_id === edition2025.id && session.mine === null)).toBe(true);

    expect(r2026!.wishRounds.map((r) => r.id)).toEqual([round.id]);
    expect(r2026!.wishRounds[0]!.sessions.map((session) => session.title.en)).toEqual(["Workshop wished"]);
    expect(r2025!.wishRounds).toEqual([]);

    expect(r2026!.agenda.map((session) => session.id)).toContain(workshop);
    expect(r2025!.agenda.length).toBeGreaterThan(0);
    expect(r2025!.agenda.map((session) => session.id)).not.toContain(workshop);

    expect(r2025!.delegation.map((member) => member.email)).toEqual([`colleague.${person.id}@example.org`]);
    expect(r2026!.delegation).toEqual([]);
    expect(r2026!.invitations.map((invitation) => invitation.email)).toEqual([`invited.${person.id}@example.org`]);
    expect(r2025!.invitations).toEqual([]);
  });

  it("explains on each workshop a clash with a session the person holds or waits for, before any sign-up is tried", async () => {
    const edition = await getEdition(db(), 2026);
    const person = await createPerson(db());
    const { id: registrationId } = await register(db(), registrationRequest(edition.id, person, { now: in2026 }));
    const held = await createWorkshop(db(), { day: "2026-07-08", start: "07:00", end: "07:45", capacity: 3, title: "held" });
    const clashing = await createWorkshop(db(), { day: "2026-07-08", start: "07:30", end: "08:00", capacity: 3, title: "clashing" });
    const after = await createWorkshop(db(), { day: "2026-07-08", start: "07:45", end: "08:15", capacity: 3, title: "after" });
    const full = await createWorkshop(db(), { day: "2026-07-09", start: "07:00", end: "07:45", capacity: 1, title: "full" });
    const besideFull = await createWorkshop(db(), { day: "2026-07-09", start: "07:15", end: "07:30", capacity: 3, title: "beside full" });
    const other = await createPerson(db());
    const { id: otherRegistration } = await register(db(), registrationRequest(edition.id, other, { now: in2026 }));
    await signUp(db(), { registrationId: otherRegistration, personId: other.id, sessionId: full, now: in2026, publicUrl: "https://x.org" });
    await signUp(db(), { registrationId, personId: person.id, sessionId: held, now: in2026, publicUrl: "https://x.org" });
    await expect(signUp(db(), { registrationId, personId: person.id, sessionId: full, now: in2026, publicUrl: "https://x.org" })).resolves.toBe("waitlisted");

    const space = await personalSpace(db(), { personId: person.id }, in2026);
    const workshops = space.registrations[0]!.workshops;
    const card = (id: number) => workshops.find((session) => session.id === id);
    expect(card(held)).toMatchObject({ mine: "confirmed", clash: null });
    expect(card(clashing)).toMatchObject({ mine: null, clash: { id: held, status: "confirmed", title: { en: "Workshop held" } } });
    expect(card(after)).toMatchObject({ mine: null, clash: null });
    expect(card(full)).toMatchObject({ mine: "waitlisted", clash: null });
    expect(card(besideFull)).toMatchObject({ mine: null, clash: { id: full, status: "waitlisted" } });
    // What the card announces is what signing up answers.
    await expect(signUp(db(), { registrationId, personId: person.id, sessionId: clashing, now: in2026, publicUrl: "https://x.org" })).rejects.toMatchObject({ code: "session_overlap" });
    await expect(signUp(db(), { registrationId, personId: person.id, sessionId: besideFull, now: in2026, publicUrl: "https://x.org" })).rejects.toMatchObject({ code: "session_overlap" });
    await expect(signUp(db(), { registrationId, personId: person.id, sessionId: after, now: in2026, publicUrl: "https://x.org" })).resolves.toBe("confirmed");
    // Another person's seats make no clash on this person's cards.
    const otherSpace = await personalSpace(db(), { personId: other.id }, in2026);
    expect(otherSpace.registrations[0]!.workshops.find((session) => session.id === held)).toMatchObject({ clash: null });
  });

  it("offers to register for the current edition while its window is open and the person is not registered", async () => {
    const person = await createPerson(db());
    expect((await personalSpace(db(), { personId: person.id }, in2026)).canRegister).toBe(true);
    expect((await personalSpace(db(), { personId: person.id }, new Date("2026-08-01T00:00:00Z"))).canRegister).toBe(false);
  });
});
