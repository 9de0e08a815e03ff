import { afterEach, describe, expect, it, vi } from "vitest";
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

// Each case runs with the test process at UTC and at two other zones: the answer must not move.
describe.each(["UTC", "Pacific/Kiritimati", "America/New_York"])("instantAt, with the process at %s", (processZone) => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  const at = (local: string, timeZone = "Europe/Paris") => {
    vi.stubEnv("TZ", processZone);
    // Proves that the process really moved (or stayed at UTC).
    expect(new Date(2026, 6, 8).getTimezoneOffset()).toBe(processZone === "UTC" ? 0 : processZone === "Pacific/Kiritimati" ? -840 : 240);
    return instantAt(local, timeZone).toISOString();
  };

  it("reads a Paris wall-clock time as the right instant, summer and winter", () => {
    expect(at("2026-07-08T14:00")).toBe("2026-07-08T12:00:00.000Z");
    expect(at("2026-01-15T09:30")).toBe("2026-01-15T08:30:00.000Z");
    expect(at("2026-07-08T14:00", "America/New_York")).toBe("2026-07-08T18:00:00.000Z");
  });

  it("takes the first of the two instants of the hour repeated when clocks go back", () => {
    // 25 October 2026: Paris goes from 03:00 summer time back to 02:00 winter time.
    expect(at("2026-10-25T01:59")).toBe("2026-10-24T23:59:00.000Z");
    expect(at("2026-10-25T02:00")).toBe("2026-10-25T00:00:00.000Z");
    expect(at("2026-10-25T02:30")).toBe("2026-10-25T00:30:00.000Z");
    expect(at("2026-10-25T03:00")).toBe("2026-10-25T02:00:00.000Z");
    // 1 November 2026 in New York: 01:30 happens at -04:00, then again at -05:00.
    expect(at("2026-11-01T01:30", "America/New_York")).toBe("2026-11-01T05:30:00.000Z");
  });

  it("shifts a time of the hour skipped when clocks go forward by the length of the gap", () => {
    // 29 March 2026: Paris goes from 02:00 winter time straight to 03:00 summer time.
    expect(at("2026-03-29T01:59")).toBe("2026-03-29T00:59:00.000Z");
    expect(at("2026-03-29T02:00")).toBe("2026-03-29T01:00:00.000Z");
    expect(at("2026-03-29T02:30")).toBe("2026-03-29T01:30:00.000Z");
    expect(at("2026-03-29T03:30")).toBe("2026-03-29T01:30:00.000Z");
    expect(isoWithOffset(instantAt("2026-03-29T02:30", "Europe/Paris"), "Europe/Paris")).toBe("2026-03-29T03:30:00+02:00");
  });

  it("refuses what is not a local date and time, or a day or hour that does not exist", () => {
    for (const local of ["2026-07-08 14:00", "2026-02-30T10:00", "2026-07-08T24:30", "2026-13-01T10:00"]) {
      expect(() => at(local), local).toThrow(RangeError);
    }
  });
});
