import { describe, expect, it } from "vitest";
import { FormatError, type Instance, type Schedule } from "./format";
import { baseInstance } from "./test-support";
import { buildModel, loadInstance, scheduleValue, validateSchedule, type Rule } from "./validate";

const valid: Schedule = {
  assignments: [
    { meeting: "m1", slot: "s1", table: "T2" },
    { meeting: "m2", slot: "s2", table: "T4" },
    { meeting: "m4", slot: "s4", table: "T2" },
  ],
};

function rulesBroken(schedule: Schedule, instance: Instance = baseInstance()): Rule[] {
  return validateSchedule(buildModel(instance), schedule).map((violation) => violation.rule);
}

function withAssignments(...assignments: Schedule["assignments"]): Schedule {
  return { assignments: [...valid.assignments, ...assignments] };
}

describe("validateSchedule: each rule of the format", () => {
  it("accepts a valid schedule and sums its weights", () => {
    expect(rulesBroken(valid)).toEqual([]);
    expect(scheduleValue(buildModel(baseInstance()), valid)).toBe(4);
  });

  it("every id exists", () => {
    expect(rulesBroken(withAssignments({ meeting: "m9", slot: "s3", table: "T2" }))).toEqual(["unknown-id"]);
    expect(rulesBroken(withAssignments({ meeting: "m3", slot: "s9", table: "T2" }))).toEqual(["unknown-id"]);
    expect(rulesBroken(withAssignments({ meeting: "m3", slot: "s3", table: "T9" }))).toEqual(["unknown-id"]);
  });

  it("no meeting is listed twice", () => {
    expect(rulesBroken(withAssignments({ meeting: "m1", slot: "s3", table: "T4" }))).toEqual(["duplicate-meeting"]);
  });

  it("a meeting's people fit the table's seats", () => {
    const schedule = { assignments: [{ meeting: "m2", slot: "s2", table: "T2" }] };
    expect(rulesBroken(schedule)).toContain("table-too-small");
  });

  it("no person is in two meetings of one slot", () => {
    expect(rulesBroken(withAssignments({ meeting: "m3", slot: "s1", table: "T4" }))).toEqual(["person-double-booked"]);
  });

  it("no table holds two meetings in one slot", () => {
    const instance = baseInstance();
    instance.participants.push({ id: "p5", unavailable: [] }, { id: "p6", unavailable: [] });
    instance.meetings.push({ id: "m5", participants: ["p5", "p6"], weight: 1 });
    expect(rulesBroken(withAssignments({ meeting: "m5", slot: "s4", table: "T2" }), instance)).toEqual(["table-double-booked"]);
  });

  it("nobody meets in a slot they are unavailable in", () => {
    const schedule = { assignments: [{ meeting: "m1", slot: "s4", table: "T2" }, valid.assignments[1]!] };
    expect(rulesBroken(schedule)).toEqual(["person-unavailable"]);
  });

  it("nobody exceeds maxMeetings", () => {
    const instance = baseInstance();
    instance.participants[0]!.maxMeetings = 1;
    expect(rulesBroken(withAssignments(), { ...instance, meetings: instance.meetings.map(({ fixed: _fixed, ...m }) => m) })).toEqual(["max-meetings"]);
  });

  it("nobody exceeds rules.maxConsecutive", () => {
    expect(rulesBroken(withAssignments({ meeting: "m3", slot: "s3", table: "T2" }))).toEqual(["max-consecutive"]);
    // s3 and s4 are in different blocks: not consecutive.
    const instance = baseInstance();
    instance.participants[0]!.unavailable = [];
    expect(rulesBroken(withAssignments({ meeting: "m3", slot: "s4", table: "T4" }), instance)).toEqual([]);
  });

  it("every fixed meeting is placed exactly where it is pinned", () => {
    const moved = (slot: string, table: string) => ({
      assignments: valid.assignments.map((a) => (a.meeting === "m2" ? { meeting: "m2", slot, table } : a)),
    });
    expect(rulesBroken(moved("s3", "T4"))).toEqual(["fixed-not-kept"]);
    expect(rulesBroken(moved("s2", "T2")).sort()).toEqual(["fixed-not-kept", "table-too-small"]);
    expect(rulesBroken({ assignments: [valid.assignments[0]!] })).toEqual(["fixed-not-kept"]);
  });

  it("reports every broken rule, naming the ids", () => {
    const violations = validateSchedule(buildModel(baseInstance()), {
      assignments: [
        { meeting: "m1", slot: "s4", table: "T2" },
        { meeting: "m4", slot: "s4", table: "T2" },
        { meeting: "m2", slot: "s1", table: "T4" },
      ],
    });
    expect(violations.map((v) => v.rule).sort()).toEqual(
      ["fixed-not-kept", "person-double-booked", "person-unavailable", "table-double-booked"].sort(),
    );
    expect(violations.find((v) => v.rule === "person-unavailable")?.message).toContain('"p1"');
    expect(violations.find((v) => v.rule === "table-double-booked")?.message).toContain('"m1"');
  });
});

describe("loadInstance: the instance format", () => {
  const problemsOf = (mutate: (raw: Instance) => void): string[] => {
    const raw = baseInstance();
    mutate(raw);
    try {
      loadInstance(JSON.stringify(raw));
    } catch (error) {
      if (error instanceof FormatError) return error.problems;
      throw error;
    }
    return [];
  };

  it("reads the example of the format, with defaults and extra fields", () => {
    const model = loadInstance(
      JSON.stringify({
        name: "rencontres-2026-b2b",
        slots: [{ id: "d1-1430", block: "wed-b2b", start: "2026-07-08T14:30:00+02:00", end: "2026-07-08T14:50:00+02:00", room: "Salon" }],
        tables: [{ id: "T01", seats: 2 }, { id: "R1", seats: 6 }],
        participants: [{ id: "p1", unavailable: ["d1-1430"], maxMeetings: 8 }, { id: "p2" }, { id: "p3" }, { id: "p4" }],
        meetings: [
          { id: "m1", participants: ["p1", "p2"], weight: 2 },
          { id: "m2", participants: ["p2", "p3", "p4"], fixed: { slot: "d1-1430", table: "R1" } },
        ],
        rules: { maxConsecutive: 3 },
      }),
    );
    expect(model.meetingWeight[1]).toBe(1);
    expect(model.maxConsecutive).toBe(3);
  });

  it.each([
    ["not JSON", "{", /not JSON/],
    ["a missing list", JSON.stringify({ slots: [], tables: [], participants: [] }), /^meetings: /],
  ])("rejects %s", (_, text, pattern) => {
    expect(() => loadInstance(text)).toThrow(FormatError);
    try {
      loadInstance(text);
    } catch (error) {
      expect((error as FormatError).problems[0]).toMatch(pattern);
    }
  });

  it.each<[string, (raw: Instance) => void, RegExp]>([
    ["a bad field type, naming the element's id", (raw) => Object.assign(raw.tables[1]!, { seats: "four" }), /^tables\[1\] \(id "T4"\)\.seats: /],
    ["a non-positive weight", (raw) => (raw.meetings[0]!.weight = 0), /^meetings\[0\] \(id "m1"\)\.weight: /],
    ["a meeting of one person", (raw) => (raw.meetings[0]!.participants = ["p1"]), /^meetings\[0\] \(id "m1"\)\.participants: /],
    ["a time without offset", (raw) => (raw.slots[0]!.start = "2026-07-08T14:30:00"), /^slots\[0\] \(id "s1"\)\.start: /],
    ["a duplicate id", (raw) => (raw.participants[1]!.id = "p1"), /participants\[1\]: duplicate id "p1"/],
    ["an unknown unavailable slot", (raw) => raw.participants[0]!.unavailable.push("s9"), /participant "p1": unavailable slot "s9" does not exist/],
    ["an unknown participant", (raw) => (raw.meetings[0]!.participants[1] = "p9"), /meeting "m1": participant "p9" does not exist/],
    ["a participant listed twice", (raw) => (raw.meetings[0]!.participants[1] = "p1"), /meeting "m1": participant "p1" is listed twice/],
    ["an unknown pinned slot", (raw) => (raw.meetings[1]!.fixed!.slot = "s9"), /meeting "m2": fixed slot "s9" does not exist/],
    ["an unknown pinned table", (raw) => (raw.meetings[1]!.fixed!.table = "T9"), /meeting "m2": fixed table "T9" does not exist/],
    ["a slot ending before it starts", (raw) => (raw.slots[3]!.end = raw.slots[3]!.start), /slot "s4": end is not after start/],
    ["a gap inside a block", (raw) => (raw.slots[2]!.start = "2026-07-08T15:15:00+02:00"), /slot "s3" of block "b1" starts at .* not when slot "s2" ends/],
    ["pinned meetings that break a rule", (raw) => (raw.meetings[2]!.fixed = { slot: "s2", table: "T2" }), /fixed meetings break person-double-booked: .*"p1"/],
    ["a pinned meeting at too small a table", (raw) => (raw.meetings[1]!.fixed!.table = "T2"), /fixed meetings break table-too-small: meeting "m2"/],
  ])("rejects %s", (_, mutate, pattern) => {
    const problems = problemsOf(mutate);
    expect(problems.some((problem) => pattern.test(problem)), problems.join("\n")).toBe(true);
  });

  it("reports every problem at once", () => {
    expect(
      problemsOf((raw) => {
        raw.meetings[0]!.participants[1] = "p9";
        raw.participants[0]!.unavailable.push("s9");
      }),
    ).toHaveLength(2);
  });
});
