import { describe, expect, it } from "vitest";
import { programmeWarnings, warningsOf, type PlannedSession } from "./programme-warnings";

const zone = "Europe/Paris";
let nextId = 1;
/** A session on 8 July 2026, times in Paris summer time (UTC+2). */
function session(start: string, end: string, overrides: Partial<PlannedSession> = {}): PlannedSession {
  const at = (time: string) => new Date(time.includes("T") ? `${time}+02:00` : `2026-07-08T${time}:00+02:00`);
  return { id: nextId++, day: "2026-07-08", startsAt: at(start), endsAt: at(end), room: null, capacity: null, speakerIds: [], ...overrides };
}
const roomA = { id: 1, capacity: 60 };
const roomB = { id: 2, capacity: 400 };

describe("programme warnings", () => {
  it("say nothing of a programme with parallel sessions in different rooms, and of sessions that follow each other in one room", () => {
    const sessions = [
      session("09:00", "10:00", { room: roomA, speakerIds: [7] }),
      session("09:00", "10:00", { room: roomB }),
      session("10:00", "11:00", { room: roomA, speakerIds: [7] }),
      session("11:00", "12:00"),
      session("11:00", "12:00"),
    ];
    expect(programmeWarnings(sessions, zone)).toEqual([]);
  });

  it("point out a room holding two overlapping sessions, earlier first", () => {
    const first = session("09:00", "10:30", { room: roomA });
    const second = session("10:00", "11:00", { room: roomA });
    expect(programmeWarnings([second, first], zone)).toEqual([{ kind: "room_overlap", roomId: 1, sessionIds: [first.id, second.id] }]);
  });

  it("point out a speaker on two overlapping sessions, whatever their rooms", () => {
    const first = session("14:00", "15:00", { room: roomA, speakerIds: [3, 4] });
    const second = session("14:30", "16:00", { room: roomB, speakerIds: [4] });
    const third = session("14:45", "15:15", { room: null, speakerIds: [5] });
    expect(programmeWarnings([first, second, third], zone)).toEqual([{ kind: "speaker_overlap", speakerId: 4, sessionIds: [first.id, second.id] }]);
  });

  it("point out a session going past midnight local time, but not one ending at midnight sharp", () => {
    const late = session("22:00", "2026-07-09T00:30:00");
    const midnight = session("22:00", "2026-07-09T00:00:00");
    expect(programmeWarnings([late, midnight], zone)).toEqual([{ kind: "ends_after_day", sessionIds: [late.id] }]);
  });

  it("read the day in the edition's time zone, not in UTC", () => {
    // 23:30 UTC on the 8th is 01:30 on the 9th in Paris; 01:00 in Paris on the 8th is the 7th in UTC.
    const pastMidnightInParis = { ...session("21:00", "22:00"), endsAt: new Date("2026-07-08T23:30:00Z") };
    const earlyInParis = session("01:00", "02:00");
    expect(programmeWarnings([pastMidnightInParis, earlyInParis], zone)).toEqual([{ kind: "ends_after_day", sessionIds: [pastMidnightInParis.id] }]);
  });

  it("point out a session starting before its day", () => {
    const early = session("2026-07-07T23:00:00", "09:00");
    expect(programmeWarnings([early], zone)).toEqual([{ kind: "starts_before_day", sessionIds: [early.id] }]);
  });

  it("point out a room with fewer seats than the session offers, and not a room whose capacity is unknown", () => {
    const big = session("09:00", "10:00", { room: roomA, capacity: 80 });
    const fits = session("11:00", "12:00", { room: roomA, capacity: 60 });
    const unknown = session("13:00", "14:00", { room: { id: 3, capacity: null }, capacity: 500 });
    expect(programmeWarnings([big, fits, unknown], zone)).toEqual([
      { kind: "room_too_small", roomId: 1, sessionIds: [big.id], capacity: 80, roomCapacity: 60 },
    ]);
  });

  it("give each session the warnings that name it", () => {
    const first = session("09:00", "10:30", { room: roomA, capacity: 100 });
    const second = session("10:00", "11:00", { room: roomA });
    const other = session("12:00", "13:00");
    const warnings = programmeWarnings([first, second, other], zone);
    expect(warningsOf(warnings, first.id).map((warning) => warning.kind)).toEqual(["room_too_small", "room_overlap"]);
    expect(warningsOf(warnings, second.id).map((warning) => warning.kind)).toEqual(["room_overlap"]);
    expect(warningsOf(warnings, other.id)).toEqual([]);
  });
});
