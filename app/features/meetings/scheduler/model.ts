/**
 * An instance turned into dense indices, after the cross-reference checks that a schema cannot
 * express (duplicate ids, unknown ids, slots of a block that do not follow each other).
 */
import { FormatError, type Instance } from "./format";

/** Stands for "no limit" in the Int32 arrays. */
export const UNLIMITED = 0x7fffffff;

export interface Model {
  instance: Instance;
  slotIndex: Map<string, number>;
  tableIndex: Map<string, number>;
  personIndex: Map<string, number>;
  meetingIndex: Map<string, number>;
  /** The slot just before / after in the same block, or -1: what "consecutive" means. */
  previousSlot: Int32Array;
  nextSlot: Int32Array;
  /** Slot indices by block, then start: the order of the written schedule. */
  slotOrder: Int32Array;
  seats: Int32Array;
  meetingPeople: Int32Array[];
  meetingWeight: Float64Array;
  /** Meetings of each person, in instance order. */
  personMeetings: Int32Array[];
  /** unavailable[person * slotCount + slot] is 1 when the person cannot meet then. */
  unavailable: Uint8Array;
  maxMeetings: Int32Array;
  maxConsecutive: number;
  /** Pinned slot and table of each meeting, or -1. */
  fixedSlot: Int32Array;
  fixedTable: Int32Array;
}

export function compileModel(instance: Instance): Model {
  const problems: string[] = [];
  const indexIds = (kind: string, items: readonly { id: string }[]) => {
    const index = new Map<string, number>();
    items.forEach((item, i) => {
      if (index.has(item.id)) problems.push(`${kind}[${i}]: duplicate id "${item.id}"`);
      else index.set(item.id, i);
    });
    return index;
  };
  const slotIndex = indexIds("slots", instance.slots);
  const tableIndex = indexIds("tables", instance.tables);
  const personIndex = indexIds("participants", instance.participants);
  const meetingIndex = indexIds("meetings", instance.meetings);

  const slotCount = instance.slots.length;
  const personCount = instance.participants.length;
  const { previousSlot, nextSlot, slotOrder } = orderSlots(instance, problems);

  const unavailable = new Uint8Array(personCount * slotCount);
  const maxMeetings = new Int32Array(personCount);
  instance.participants.forEach((person, p) => {
    maxMeetings[p] = person.maxMeetings ?? UNLIMITED;
    for (const slotId of person.unavailable) {
      const s = slotIndex.get(slotId);
      if (s === undefined) problems.push(`participant "${person.id}": unavailable slot "${slotId}" does not exist`);
      else unavailable[p * slotCount + s] = 1;
    }
  });

  const personMeetingLists: number[][] = instance.participants.map(() => []);
  const fixedSlot = new Int32Array(instance.meetings.length).fill(-1);
  const fixedTable = new Int32Array(instance.meetings.length).fill(-1);
  const meetingPeople = instance.meetings.map((meeting, m) => {
    const people: number[] = [];
    for (const personId of meeting.participants) {
      const p = personIndex.get(personId);
      if (p === undefined) problems.push(`meeting "${meeting.id}": participant "${personId}" does not exist`);
      else if (people.includes(p)) problems.push(`meeting "${meeting.id}": participant "${personId}" is listed twice`);
      else {
        people.push(p);
        personMeetingLists[p]?.push(m);
      }
    }
    if (meeting.fixed) {
      const s = slotIndex.get(meeting.fixed.slot);
      const t = tableIndex.get(meeting.fixed.table);
      if (s === undefined) problems.push(`meeting "${meeting.id}": fixed slot "${meeting.fixed.slot}" does not exist`);
      if (t === undefined) problems.push(`meeting "${meeting.id}": fixed table "${meeting.fixed.table}" does not exist`);
      fixedSlot[m] = s ?? -1;
      fixedTable[m] = t ?? -1;
    }
    return Int32Array.from(people);
  });

  if (problems.length > 0) throw new FormatError("instance", problems);
  return {
    instance,
    slotIndex,
    tableIndex,
    personIndex,
    meetingIndex,
    previousSlot,
    nextSlot,
    slotOrder,
    seats: Int32Array.from(instance.tables, (table) => table.seats),
    meetingPeople,
    meetingWeight: Float64Array.from(instance.meetings, (meeting) => meeting.weight),
    personMeetings: personMeetingLists.map((list) => Int32Array.from(list)),
    unavailable,
    maxMeetings,
    maxConsecutive: instance.rules.maxConsecutive ?? UNLIMITED,
    fixedSlot,
    fixedTable,
  };
}

/** Orders each block by start and checks that its slots follow each other without gap or overlap. */
function orderSlots(instance: Instance, problems: string[]) {
  const slotCount = instance.slots.length;
  const previousSlot = new Int32Array(slotCount).fill(-1);
  const nextSlot = new Int32Array(slotCount).fill(-1);
  const start = instance.slots.map((slot) => Date.parse(slot.start));
  const end = instance.slots.map((slot) => Date.parse(slot.end));
  const blocks = new Map<string, number[]>();
  instance.slots.forEach((slot, s) => {
    if (end[s]! <= start[s]!) problems.push(`slot "${slot.id}": end is not after start`);
    const block = blocks.get(slot.block);
    if (block) block.push(s);
    else blocks.set(slot.block, [s]);
  });
  const slotOrder: number[] = [];
  for (const [block, slots] of blocks) {
    slots.sort((a, b) => start[a]! - start[b]! || a - b);
    for (let i = 1; i < slots.length; i++) {
      const before = slots[i - 1]!;
      const after = slots[i]!;
      if (start[after] !== end[before]) {
        problems.push(
          `slot "${instance.slots[after]!.id}" of block "${block}" starts at ${instance.slots[after]!.start}, ` +
            `not when slot "${instance.slots[before]!.id}" ends (${instance.slots[before]!.end}): ` +
            `slots of a block must follow each other without a gap or overlap`,
        );
      }
      previousSlot[after] = before;
      nextSlot[before] = after;
    }
    slotOrder.push(...slots);
  }
  return { previousSlot, nextSlot, slotOrder: Int32Array.from(slotOrder) };
}
