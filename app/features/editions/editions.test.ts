import { describe, expect, it } from "vitest";
import { databaseKinds, useTestDatabase } from "~/test/database";
import { loadDemoData } from "./demo-data.server";
import {
  currentEditionYear,
  editionIsOver,
  getEdition,
  listEditions,
  nextRegistrationChange,
  publishedEditionYears,
  registrationWindow,
} from "./editions.server";

describe("registration status", () => {
  const window = {
    registration_opens_at: new Date("2026-04-15T00:00:00+02:00"),
    registration_closes_at: new Date("2026-07-07T18:00:00+02:00"),
  };

  it("is upcoming until the opening instant, open from it, closed from the closing instant", () => {
    expect(registrationWindow(window, new Date("2026-04-14T21:59:59Z")).state).toBe("upcoming");
    expect(registrationWindow(window, new Date("2026-04-14T22:00:00Z")).state).toBe("open");
    expect(registrationWindow(window, new Date("2026-07-07T15:59:59Z")).state).toBe("open");
    expect(registrationWindow(window, new Date("2026-07-07T16:00:00Z")).state).toBe("closed");
  });

  it("names the next instant at which the status changes", () => {
    expect(nextRegistrationChange(window, new Date("2026-01-01T00:00:00Z"))).toEqual(window.registration_opens_at);
    expect(nextRegistrationChange(window, new Date("2026-05-01T00:00:00Z"))).toEqual(window.registration_closes_at);
    expect(nextRegistrationChange(window, new Date("2026-08-01T00:00:00Z"))).toBeUndefined();
  });
});

describe("an edition", () => {
  const edition = { days: ["2026-07-08", "2026-07-09"], time_zone: "Europe/Paris" };

  it("is over once its last day has ended on its own clock", () => {
    expect(editionIsOver(edition, new Date("2026-07-09T21:59:59Z"))).toBe(false);
    expect(editionIsOver(edition, new Date("2026-07-09T22:00:00Z"))).toBe(true);
    expect(editionIsOver({ days: [], time_zone: "Europe/Paris" }, new Date("2030-01-01T00:00:00Z"))).toBe(false);
  });
});

describe.each(databaseKinds)("editions on %s", (kind) => {
  const database = useTestDatabase(kind, { demo: true });

  it("lists both demo editions, newest first, with their days", async () => {
    const editions = await listEditions(database().db);
    expect(editions.map((e) => [e.number, e.year, e.days])).toEqual([
      [17, 2026, ["2026-07-08", "2026-07-09"]],
      [16, 2025, ["2025-07-04"]],
    ]);
    expect(await currentEditionYear(database().db)).toBe(2026);
    expect(await publishedEditionYears(database().db)).toEqual([2026, 2025]);
  });

  it("loads an edition with its venue, access, contacts and supporters in both languages", async () => {
    const edition = await getEdition(database().db, 2026);
    expect(edition.theme.fr).toBe("Les collectivités territoriales dans le nouvel ordre mondial");
    expect(edition.venue.street_address).toBe("9bis, avenue d'Iéna");
    expect(edition.access.map((a) => a.mode)).toEqual(["metro", "bus", "parking"]);
    expect(edition.contacts[0]?.email).toBe("coop-dec@cites-unies-france.org");
    expect(edition.supporters.map((s) => s.name.en)).toEqual(["Cités Unies France", "PLATFORMA"]);
    expect(edition.registration_opens_at.toISOString()).toBe("2026-04-14T22:00:00.000Z");
  });

  it("refuses an unknown edition with edition_not_found", async () => {
    await expect(getEdition(database().db, 1999)).rejects.toMatchObject({ code: "edition_not_found" });
  });

  it("loads the demo data only once", async () => {
    expect(await loadDemoData(database().db)).toBe(false);
  });
});
