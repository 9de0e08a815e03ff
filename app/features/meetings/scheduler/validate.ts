/** Checks a schedule against every rule of docs/meeting-scheduler-format.md and reports each broken one. */
import { FormatError, instanceSchema, parseJson, type Instance, type Schedule } from "./format";
import { compileModel, type Model } from "./model";

export type Rule =
  | "unknown-id"
  | "duplicate-meeting"
  | "table-too-small"
  | "person-double-booked"
  | "table-double-booked"
  | "person-unavailable"
  | "max-meetings"
  | "max-consecutive"
  | "fixed-not-kept";

export interface Violation {
  rule: Rule;
  message: string;
}

export function validateSchedule(model: Model, schedule: Schedule): Violation[] {
  const { instance } = model;
  const slotCount = instance.slots.length;
  const violations: Violation[] = [];
  const report = (rule: Rule, message: string) => violations.push({ rule, message });

  const slotOfMeeting = new Map<number, number>();
  const tableUse = new Map<number, number>();
  const personUse = new Map<number, number>();
  for (const assignment of schedule.assignments) {
    const m = model.meetingIndex.get(assignment.meeting);
    const s = model.slotIndex.get(assignment.slot);
    const t = model.tableIndex.get(assignment.table);
    const where = `meeting "${assignment.meeting}" at slot "${assignment.slot}", table "${assignment.table}"`;
    if (m === undefined) report("unknown-id", `${where}: meeting "${assignment.meeting}" does not exist`);
    if (s === undefined) report("unknown-id", `${where}: slot "${assignment.slot}" does not exist`);
    if (t === undefined) report("unknown-id", `${where}: table "${assignment.table}" does not exist`);
    if (m === undefined || s === undefined || t === undefined) continue;
    if (slotOfMeeting.has(m)) {
      report("duplicate-meeting", `meeting "${assignment.meeting}" is listed more than once`);
      continue;
    }
    slotOfMeeting.set(m, s);
    const meeting = instance.meetings[m]!;
    const people = model.meetingPeople[m]!;
    if (people.length > model.seats[t]!) {
      report("table-too-small", `${where}: ${people.length} people, table seats ${model.seats[t]}`);
    }
    const tableKey = t * slotCount + s;
    const tableHolder = tableUse.get(tableKey);
    if (tableHolder === undefined) tableUse.set(tableKey, m);
    else report("table-double-booked", `${where}: the table already holds meeting "${instance.meetings[tableHolder]!.id}" then`);
    for (const p of people) {
      const personId = instance.participants[p]!.id;
      const personKey = p * slotCount + s;
      const holder = personUse.get(personKey);
      if (holder === undefined) personUse.set(personKey, m);
      else report("person-double-booked", `${where}: "${personId}" is already in meeting "${instance.meetings[holder]!.id}" then`);
      if (model.unavailable[personKey]) report("person-unavailable", `${where}: "${personId}" is unavailable then`);
    }
    if (meeting.fixed && (meeting.fixed.slot !== assignment.slot || meeting.fixed.table !== assignment.table)) {
      report("fixed-not-kept", `${where}: it is pinned at slot "${meeting.fixed.slot}", table "${meeting.fixed.table}"`);
    }
  }
  instance.meetings.forEach((meeting, m) => {
    if (meeting.fixed && !slotOfMeeting.has(m)) {
      report("fixed-not-kept", `meeting "${meeting.id}" is pinned at slot "${meeting.fixed.slot}", table "${meeting.fixed.table}" but not placed`);
    }
  });

  instance.participants.forEach((person, p) => {
    const busy = new Uint8Array(slotCount);
    let count = 0;
    for (const m of model.personMeetings[p]!) {
      const s = slotOfMeeting.get(m);
      if (s === undefined) continue;
      busy[s] = 1;
      count++;
    }
    if (count > model.maxMeetings[p]!) {
      report("max-meetings", `participant "${person.id}" has ${count} meetings, more than maxMeetings ${model.maxMeetings[p]}`);
    }
    for (let s = 0; s < slotCount; s++) {
      if (!busy[s] || (model.previousSlot[s]! >= 0 && busy[model.previousSlot[s]!])) continue;
      const run = [s];
      for (let next = model.nextSlot[s]!; next >= 0 && busy[next]; next = model.nextSlot[next]!) run.push(next);
      if (run.length > model.maxConsecutive) {
        const slotIds = run.map((r) => `"${instance.slots[r]!.id}"`).join(", ");
        report("max-consecutive", `participant "${person.id}" meets in ${run.length} consecutive slots (${slotIds}), more than maxConsecutive ${model.maxConsecutive}`);
      }
    }
  });
  return violations;
}

/** The sum of the weights of the meetings a schedule places (each meeting counted once). */
export function scheduleValue(model: Model, schedule: Schedule): number {
  const placed = new Set(schedule.assignments.map((assignment) => model.meetingIndex.get(assignment.meeting)));
  let value = 0;
  for (const m of placed) if (m !== undefined) value += model.meetingWeight[m]!;
  return value;
}

/** The pinned meetings alone, as a schedule. */
export function fixedAssignments(model: Model): Schedule {
  return {
    assignments: model.instance.meetings.flatMap((meeting) =>
      meeting.fixed ? [{ meeting: meeting.id, slot: meeting.fixed.slot, table: meeting.fixed.table }] : [],
    ),
  };
}

/**
 * Reads an instance file: schema, cross references, then the pinned meetings, which must already
 * form a valid schedule (otherwise no schedule can keep them all).
 */
export function loadInstance(text: string): Model {
  return buildModel(parseJson("instance", instanceSchema, text));
}

/** The same checks as loadInstance, for an instance already in memory (generators, tests). */
export function buildModel(instance: Instance): Model {
  const model = compileModel(instance);
  const broken = validateSchedule(model, fixedAssignments(model));
  if (broken.length > 0) {
    throw new FormatError("instance", broken.map((violation) => `fixed meetings break ${violation.rule}: ${violation.message}`));
  }
  return model;
}
