import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatDay, formatDays, formatShortDay } from "./format";

describe("dates in French", () => {
  const first = new Date("2026-07-01T08:00:00Z");

  it("write the first of a month 1er, and the other days as numbers", () => {
    expect(formatDate(first, "fr", "Europe/Paris")).toBe("1er juillet 2026");
    expect(formatDateTime(first, "fr", "Europe/Paris")).toBe("1er juillet 2026 à 10:00");
    expect(formatDay("2026-07-01", "fr")).toBe("mercredi 1er juillet 2026");
    expect(formatShortDay("2026-07-01", "fr")).toBe("mercredi 1er juillet");
    expect(formatDays(["2026-07-01", "2026-07-02"], "fr")).toBe("mercredi 1er\u2009–\u2009jeudi 2 juillet 2026");
    expect(formatDate(new Date("2026-07-11T08:00:00Z"), "fr", "Europe/Paris")).toBe("11 juillet 2026");
    expect(formatDays(["2026-06-30", "2026-07-01"], "fr")).toBe("mardi 30 juin\u2009–\u2009mercredi 1er juillet 2026");
  });

  it("leave English dates alone", () => {
    expect(formatDate(first, "en", "Europe/Paris")).toBe("1 July 2026");
  });
});
