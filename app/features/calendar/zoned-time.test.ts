import { describe, expect, it } from "vitest";
import { formatOffset, instantAt, isoWithOffset, isRepeatedWallClock, offsetTransitions } from "./zoned-time";

describe("zoned time", () => {
  it("reads an instant on the clock of any time zone, with that zone's offset", () => {
    const instant = new Date("2026-07-08T12:00:00Z");
    expect(isoWithOffset(instant, "Europe/Paris")).toBe("2026-07-08T14:00:00+02:00");
    expect(isoWithOffset(instant, "America/New_York")).toBe("2026-07-08T08:00:00-04:00");
    expect(isoWithOffset(instant, "Asia/Kolkata")).toBe("2026-07-08T17:30:00+05:30");
    expect(isoWithOffset(new Date("2026-01-01T00:00:00Z"), "Europe/Paris")).toBe("2026-01-01T01:00:00+01:00");
  });

  it("writes offsets in both notations, with seconds only when there are some", () => {
    expect(formatOffset(7200, "")).toBe("+0200");
    expect(formatOffset(-16200, ":")).toBe("-04:30");
    expect(formatOffset(561, "")).toBe("+000921");
  });

  it("finds each change of offset to the second", () => {
    const transitions = offsetTransitions("Europe/Paris", new Date("2026-01-01T00:00:00Z"), new Date("2027-01-01T00:00:00Z"));
    expect(transitions.map((t) => [t.at.toISOString(), t.offsetFrom, t.offsetTo])).toEqual([
      ["2026-03-29T01:00:00.000Z", 3600, 7200],
      ["2026-10-25T01:00:00.000Z", 7200, 3600],
    ]);
    expect(offsetTransitions("Asia/Tokyo", new Date("2026-01-01T00:00:00Z"), new Date("2027-01-01T00:00:00Z"))).toEqual([]);
  });

  it("knows the hour that the clock shows twice when it goes back", () => {
    expect(isRepeatedWallClock(new Date("2026-10-25T00:30:00Z"), "Europe/Paris")).toBe(true);
    expect(isRepeatedWallClock(new Date("2026-10-25T01:30:00Z"), "Europe/Paris")).toBe(true);
    expect(isRepeatedWallClock(new Date("2026-10-25T01:00:00Z"), "Europe/Paris")).toBe(true);
    expect(isRepeatedWallClock(new Date("2026-10-25T02:00:00Z"), "Europe/Paris")).toBe(false);
    expect(isRepeatedWallClock(new Date("2026-10-24T23:59:59Z"), "Europe/Paris")).toBe(false);
    expect(isRepeatedWallClock(new Date("2026-03-29T01:00:00Z"), "Europe/Paris")).toBe(false);
  });
});

describe("instantAt", () => {
  it("reads a Paris wall-clock time as the right instant, summer and winter", () => {
    expect(instantAt("2026-07-08T14:00", "Europe/Paris").toISOString()).toBe("2026-07-08T12:00:00.000Z");
    expect(instantAt("2026-01-15T09:30", "Europe/Paris").toISOString()).toBe("2026-01-15T08:30:00.000Z");
    expect(instantAt("2026-03-29T03:30", "Europe/Paris").toISOString()).toBe("2026-03-29T01:30:00.000Z");
  });

  it("refuses what is not a local date and time", () => {
    expect(() => instantAt("2026-07-08 14:00", "Europe/Paris")).toThrow(RangeError);
  });
});
