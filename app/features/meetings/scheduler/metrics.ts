/** Figures reported for a schedule: value, fairness (people left out) and breaks (longest run). */
import type { Schedule } from "./format";
import type { Model } from "./model";
import { scheduleValue } from "./validate";

export interface ScheduleMetrics {
  value: number;
  placed: number;
  /** People with at least one meeting that some slot and table could hold on its own. */
  peopleWithPlaceableMeeting: number;
  /** Of those, the people the schedule gives no meeting. */
  peopleLeftOut: number;
  /** The most meetings anyone has in consecutive slots of one block. */
  longestRun: number;
}

/** Whether the meeting fits some slot where all its people are available, at a big enough table. */
function isPlaceable(model: Model, m: number): boolean {
  const people = model.meetingPeople[m]!;
  const slotCount = model.instance.slots.length;
  if (people.some((p) => model.maxMeetings[p] === 0)) return false;
  if (!model.seats.some((seats) => seats >= people.length)) return false;
  for (let s = 0; s < slotCount; s++) {
    if (people.every((p) => !model.unavailable[p * slotCount + s])) return true;
  }
  return false;
}

export function scheduleMetrics(model: Model, schedule: Schedule): ScheduleMetrics {
  const slotCount = model.instance.slots.length;
  const personCount = model.instance.participants.length;
  const busy = new Uint8Array(personCount * slotCount);
  const hasMeeting = new Uint8Array(personCount);
  for (const assignment of schedule.assignments) {
    const m = model.meetingIndex.get(assignment.meeting);
    const s = model.slotIndex.get(assignment.slot);
    if (m === undefined || s === undefined) continue;
    for (const p of model.meetingPeople[m]!) {
      busy[p * slotCount + s] = 1;
      hasMeeting[p] = 1;
    }
  }
  const couldMeet = new Uint8Array(personCount);
  model.meetingPeople.forEach((people, m) => {
    if (isPlaceable(model, m)) for (const p of people) couldMeet[p] = 1;
  });
  let peopleWithPlaceableMeeting = 0;
  let peopleLeftOut = 0;
  let longestRun = 0;
  for (let p = 0; p < personCount; p++) {
    if (couldMeet[p]) {
      peopleWithPlaceableMeeting++;
      if (!hasMeeting[p]) peopleLeftOut++;
    }
    const row = p * slotCount;
    for (const s of model.slotOrder) {
      if (!busy[row + s] || (model.previousSlot[s]! >= 0 && busy[row + model.previousSlot[s]!])) continue;
      let run = 1;
      for (let x = model.nextSlot[s]!; x >= 0 && busy[row + x]; x = model.nextSlot[x]!) run++;
      longestRun = Math.max(longestRun, run);
    }
  }
  return {
    value: scheduleValue(model, schedule),
    placed: schedule.assignments.length,
    peopleWithPlaceableMeeting,
    peopleLeftOut,
    longestRun,
  };
}
