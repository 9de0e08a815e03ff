/** Instances for the tests: a hand-written base, random tiny ones, and an exhaustive optimum. */
import fc from "fast-check";
import type { Instance, Schedule } from "./format";
import { compileModel, type Model } from "./model";
import { fixedAssignments, scheduleValue, validateSchedule } from "./validate";

/** Three slots in one block, one in another; tables of 2 and 4 seats; four people. */
export function baseInstance(): Instance {
  const slot = (id: string, block: string, start: string, end: string) => ({
    id,
    block,
    start: `2026-07-08T${start}:00+02:00`,
    end: `2026-07-08T${end}:00+02:00`,
  });
  return {
    name: "base",
    slots: [
      slot("s1", "b1", "14:30", "14:50"),
      slot("s2", "b1", "14:50", "15:10"),
      slot("s3", "b1", "15:10", "15:30"),
      slot("s4", "b2", "17:00", "17:20"),
    ],
    tables: [
      { id: "T2", seats: 2 },
      { id: "T4", seats: 4 },
    ],
    participants: [
      { id: "p1", unavailable: ["s4"], maxMeetings: 3 },
      { id: "p2", unavailable: [] },
      { id: "p3", unavailable: [] },
      { id: "p4", unavailable: [] },
    ],
    meetings: [
      { id: "m1", participants: ["p1", "p2"], weight: 2 },
      { id: "m2", participants: ["p1", "p3", "p4"], weight: 1, fixed: { slot: "s2", table: "T4" } },
      { id: "m3", participants: ["p1", "p4"], weight: 1 },
      { id: "m4", participants: ["p2", "p3"], weight: 1 },
    ],
    rules: { maxConsecutive: 2 },
  };
}

export interface InstanceShape {
  meetings: { min: number; max: number };
  tables: number;
  people: number;
  /** One slot in `unavailableOneIn` is unavailable to a person, on average. */
  unavailableOneIn: number;
}

/** Small random instances: 1-2 blocks of 1-3 slots, tables of 2-4 seats, people with caps and unavailability, some meetings pinned. */
export function instanceArbitrary(options: InstanceShape): fc.Arbitrary<Instance> {
  return fc
    .record({
      blocks: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 2 }),
      seats: fc.array(fc.integer({ min: 2, max: 4 }), { minLength: 1, maxLength: options.tables }),
      people: fc.integer({ min: 2, max: options.people }),
    })
    .chain((shape) => {
      const slotCount = shape.blocks.reduce((sum, n) => sum + n, 0);
      const person = fc.integer({ min: 0, max: shape.people - 1 });
      return fc.record({
        shape: fc.constant(shape),
        unavailable: fc.array(fc.array(fc.nat(options.unavailableOneIn - 1).map((n) => n === 0), { minLength: slotCount, maxLength: slotCount }), {
          minLength: shape.people,
          maxLength: shape.people,
        }),
        caps: fc.array(fc.option(fc.integer({ min: 0, max: 3 }), { freq: 3 }), { minLength: shape.people, maxLength: shape.people }),
        meetings: fc.array(
          fc.record({
            people: fc.uniqueArray(person, { minLength: 2, maxLength: 3 }),
            weight: fc.integer({ min: 1, max: 3 }),
            pin: fc.boolean(),
          }),
          { minLength: options.meetings.min, maxLength: options.meetings.max },
        ),
        maxConsecutive: fc.option(fc.integer({ min: 1, max: 2 })),
      });
    })
    .map(({ shape, unavailable, caps, meetings, maxConsecutive }) => {
      const slots = shape.blocks.flatMap((length, b) =>
        Array.from({ length }, (_, i) => ({
          id: `b${b}s${i}`,
          block: `b${b}`,
          start: `2026-07-0${8 + b}T10:${String(i * 10).padStart(2, "0")}:00Z`,
          end: `2026-07-0${8 + b}T10:${String(i * 10 + 10).padStart(2, "0")}:00Z`,
        })),
      );
      const instance: Instance = {
        slots,
        tables: shape.seats.map((seats, t) => ({ id: `t${t}`, seats })),
        participants: unavailable.map((row, p) => ({
          id: `p${p}`,
          unavailable: slots.filter((_, s) => row[s]).map((slot) => slot.id),
          ...(caps[p] === null ? {} : { maxMeetings: caps[p] }),
        })),
        meetings: meetings.map((meeting, m) => ({
          id: `m${m}`,
          participants: meeting.people.map((p) => `p${p}`),
          weight: meeting.weight,
        })),
        rules: maxConsecutive === null ? {} : { maxConsecutive },
      };
      // Pin the flagged meetings at the first place that keeps the pinned ones valid.
      meetings.forEach((meeting, m) => {
        if (!meeting.pin) return;
        const target = instance.meetings[m]!;
        for (const slot of instance.slots) {
          for (const table of instance.tables) {
            if (target.fixed) return;
            target.fixed = { slot: slot.id, table: table.id };
            const model = compileModel(instance);
            if (validateSchedule(model, fixedAssignments(model)).length > 0) delete target.fixed;
          }
        }
      });
      return instance;
    });
}

/**
 * The best (value, then people with a meeting) over every schedule, by depth-first enumeration of
 * each meeting's options (not placed, or any slot and table), judged by the validator alone.
 */
export function exhaustiveOptimum(model: Model): { value: number; covered: number } {
  const { instance } = model;
  const assignments: Schedule["assignments"] = [];
  let best = { value: -1, covered: -1 };
  const visit = (m: number) => {
    const schedule = { assignments };
    if (validateSchedule(model, schedule).some((violation) => violation.rule !== "fixed-not-kept")) return;
    if (m === instance.meetings.length) {
      if (validateSchedule(model, schedule).length > 0) return;
      const value = scheduleValue(model, schedule);
      const covered = peopleCovered(model, schedule);
      if (value > best.value + 1e-9 || (value > best.value - 1e-9 && covered > best.covered)) best = { value, covered };
      return;
    }
    visit(m + 1);
    for (const slot of instance.slots) {
      for (const table of instance.tables) {
        assignments.push({ meeting: instance.meetings[m]!.id, slot: slot.id, table: table.id });
        visit(m + 1);
        assignments.pop();
      }
    }
  };
  visit(0);
  return best;
}

export function peopleCovered(model: Model, schedule: Schedule): number {
  const people = new Set<number>();
  for (const assignment of schedule.assignments) {
    for (const p of model.meetingPeople[model.meetingIndex.get(assignment.meeting)!]!) people.add(p);
  }
  return people.size;
}
