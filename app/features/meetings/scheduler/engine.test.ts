import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateInstance } from "../../../../bench/meetings/generate";
import { lateChange } from "../../../../bench/meetings/late-changes";
import { scheduleMeetings } from "./engine";
import { formulate, solve } from "./exact";
import type { Instance } from "./format";
import { scheduleMetrics } from "./metrics";
import { baseInstance, exhaustiveOptimum, instanceArbitrary, peopleCovered } from "./test-support";
import { buildModel, validateSchedule } from "./validate";

describe("scheduleMeetings", () => {
  it("always returns a valid schedule that keeps every pinned meeting (property)", async () => {
    await fc.assert(
      fc.asyncProperty(instanceArbitrary({ meetings: { min: 0, max: 12 }, tables: 3, people: 6, unavailableOneIn: 2 }), fc.integer({ min: 0, max: 1000 }), async (instance, seed) => {
        const model = buildModel(instance);
        const result = await scheduleMeetings(model, { seed, movesPerMeeting: 50 });
        expect(validateSchedule(model, result.schedule)).toEqual([]);
        expect(result.placed).toBe(result.schedule.assignments.length);
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    ["with", true],
    ["without", false],
  ])("finds the best value, then the most people with a meeting, on instances small enough to enumerate, %s the exact stage (property)", async (_, exact) => {
    await fc.assert(
      fc.asyncProperty(instanceArbitrary({ meetings: { min: 4, max: 6 }, tables: 2, people: 5, unavailableOneIn: 6 }), async (instance) => {
        const model = buildModel(instance);
        const { schedule, value } = await scheduleMeetings(model, { seed: 7, exact });
        expect({ value, covered: peopleCovered(model, schedule) }).toEqual(exhaustiveOptimum(model));
      }),
      { numRuns: 400 },
    );
  });

  it("reaches the proven optimum with pinned and group meetings where a short local search alone falls short", async () => {
    const options = { participants: 60, tables: "loose", seed: 1 } as const;
    const announced = await scheduleMeetings(buildModel(generateInstance(options)), { seed: 1, movesPerMeeting: 20, exact: false });
    const { instance } = lateChange(options, announced.schedule, { peopleLosingASlot: 10, newRequestShare: 0.2, pinnedShare: 0.5 });
    const model = buildModel(instance);
    const optimum = await solve(model, formulate(model), { integer: true, timeLimitSeconds: 600 });
    expect(optimum.optimal).toBe(true);

    // A generous time limit: the stage must prove the optimum, however busy the machine.
    const result = await scheduleMeetings(model, { seed: 1, movesPerMeeting: 20, timeLimitMs: 600_000 });
    const localOnly = await scheduleMeetings(model, { seed: 1, movesPerMeeting: 20, exact: false });
    expect(result.exactStage).toBe("optimal");
    expect(result.value).toBe(optimum.objective);
    expect(localOnly.value).toBeLessThan(optimum.objective);

    expect(validateSchedule(model, result.schedule)).toEqual([]);
    for (const meeting of instance.meetings.filter((m) => m.fixed)) {
      expect(result.schedule.assignments).toContainEqual({ meeting: meeting.id, ...meeting.fixed });
    }
    const groupsPlaced = result.schedule.assignments.filter((a) => instance.meetings[model.meetingIndex.get(a.meeting)!]!.participants.length > 2);
    expect(groupsPlaced.length).toBeGreaterThan(0);
  });

  it("repairs neighbourhoods of an event too large for the exact stage, keeping pins and never losing value or people", async () => {
    const options = { participants: 300, tables: "loose", seed: 6 } as const;
    const announced = await scheduleMeetings(buildModel(generateInstance(options)), { seed: 1, movesPerMeeting: 10, exact: false });
    const { instance } = lateChange(options, announced.schedule, { peopleLosingASlot: 30, newRequestShare: 0.5, pinnedShare: 0.2 });
    const model = buildModel(instance);
    const repaired = await scheduleMeetings(model, { seed: 1, movesPerMeeting: 10, timeLimitMs: 600_000 });
    const localOnly = await scheduleMeetings(model, { seed: 1, movesPerMeeting: 10, exact: false });
    expect(repaired.exactStage).toBe("skipped");
    expect(repaired.value).toBeGreaterThanOrEqual(localOnly.value);
    if (repaired.value === localOnly.value) expect(peopleCovered(model, repaired.schedule)).toBeGreaterThanOrEqual(peopleCovered(model, localOnly.schedule));
    expect(validateSchedule(model, repaired.schedule)).toEqual([]);
    for (const meeting of instance.meetings.filter((m) => m.fixed)) {
      expect(repaired.schedule.assignments).toContainEqual({ meeting: meeting.id, ...meeting.fixed });
    }
  });

  it("gives the same schedule for the same seed", async () => {
    const model = buildModel(generateInstance({ participants: 60, tables: "tight", seed: 3 }));
    const first = await scheduleMeetings(model, { seed: 42, movesPerMeeting: 100 });
    const second = await scheduleMeetings(model, { seed: 42, movesPerMeeting: 100 });
    expect(second.schedule).toEqual(first.schedule);
  });

  it("still returns a valid schedule when the time limit leaves no time to search", async () => {
    const model = buildModel(generateInstance({ participants: 60, tables: "loose", seed: 4 }));
    const result = await scheduleMeetings(model, { seed: 1, timeLimitMs: 0 });
    expect(result.stoppedByTimeLimit).toBe(true);
    expect(validateSchedule(model, result.schedule)).toEqual([]);
    expect(result.placed).toBeGreaterThan(0);
  });

  it("places a meeting where only a large table fits it, and leaves out one that fits no table", async () => {
    const instance = baseInstance();
    instance.meetings = [
      { id: "big", participants: ["p1", "p2", "p3"], weight: 1 },
      { id: "huge", participants: ["p1", "p2", "p3", "p4"], weight: 1 },
    ];
    instance.tables = [{ id: "T2", seats: 2 }, { id: "T3", seats: 3 }];
    const model = buildModel(instance);
    const { schedule } = await scheduleMeetings(model);
    expect(schedule.assignments).toEqual([{ meeting: "big", slot: expect.any(String), table: "T3" }]);
    // p4 is only in the meeting no table holds: nobody who could meet is left out.
    expect(scheduleMetrics(model, schedule)).toMatchObject({ peopleWithPlaceableMeeting: 3, peopleLeftOut: 0 });
  });
});

describe("late changes", () => {
  it("never moves a pinned meeting, and re-plans the rest around new requests and lost availability", async () => {
    const before = generateInstance({ participants: 80, tables: "tight", seed: 11 });
    const first = await scheduleMeetings(buildModel(before), { seed: 1, movesPerMeeting: 200 });
    const placedAt = new Map(first.schedule.assignments.map((a) => [a.meeting, a]));
    // Announce half of the schedule; three people lose a slot; new meetings are accepted.
    const after: Instance = structuredClone(before);
    after.meetings.forEach((meeting, m) => {
      const assignment = placedAt.get(meeting.id);
      if (assignment && m % 2 === 0) meeting.fixed = { slot: assignment.slot, table: assignment.table };
    });
    const pinnedSlots = new Set(after.meetings.flatMap((m) => (m.fixed ? m.participants.map((p) => `${p}@${m.fixed!.slot}`) : [])));
    let lost = 0;
    for (const assignment of first.schedule.assignments) {
      const meeting = after.meetings.find((m) => m.id === assignment.meeting)!;
      const person = meeting.participants[0]!;
      if (lost < 3 && !meeting.fixed && !pinnedSlots.has(`${person}@${assignment.slot}`)) {
        after.participants.find((p) => p.id === person)!.unavailable.push(assignment.slot);
        lost++;
      }
    }
    after.meetings.push(
      { id: "new1", participants: ["p1", "p2"], weight: 3 },
      { id: "new2", participants: ["p3", "p4", "p5"], weight: 3 },
    );
    const model = buildModel(after);
    const second = await scheduleMeetings(model, { seed: 1, movesPerMeeting: 200 });
    expect(validateSchedule(model, second.schedule)).toEqual([]);
    for (const meeting of after.meetings.filter((m) => m.fixed)) {
      expect(second.schedule.assignments).toContainEqual({ meeting: meeting.id, ...meeting.fixed });
    }
  });
});
