/**
 * The late-changes case: a schedule is announced (its placed meetings pinned, or a share of
 * them), then people lose a slot (their pinned meeting there is unpinned: it must move) and new
 * requests are accepted.
 */
import type { Instance, Schedule } from "../../app/features/meetings/scheduler/format";
import { createRandom } from "../../app/features/meetings/scheduler/random";
import { generateInstance, type GeneratorOptions } from "./generate";

export interface LateChange {
  instance: Instance;
  pinned: number;
  /** Announced meetings unpinned because one of their people lost that slot. */
  displaced: string[];
  newRequests: string[];
}

export function lateChange(
  options: GeneratorOptions,
  announced: Schedule,
  change: { peopleLosingASlot: number; newRequestShare: number; pinnedShare?: number },
): LateChange {
  const before = generateInstance(options);
  // Same seed, more meetings: the generator draws the same first meetings, then new ones.
  const instance = generateInstance({
    ...options,
    meetingsPerParticipant: (before.meetings.length / before.participants.length) * (1 + change.newRequestShare),
  });
  const placedAt = new Map(announced.assignments.map((assignment) => [assignment.meeting, assignment]));
  const random = createRandom(options.seed + 1);
  const lost = new Set<string>();
  for (let i = 0; i < change.peopleLosingASlot; i++) {
    const person = instance.participants[random.int(instance.participants.length)]!;
    const slot = instance.slots[random.int(instance.slots.length)]!.id;
    if (person.unavailable.includes(slot)) continue;
    person.unavailable.push(slot);
    lost.add(`${person.id}@${slot}`);
  }
  const displaced: string[] = [];
  let pinned = 0;
  for (const meeting of instance.meetings) {
    const assignment = placedAt.get(meeting.id);
    if (!assignment) continue;
    if (meeting.participants.some((person) => lost.has(`${person}@${assignment.slot}`))) {
      displaced.push(meeting.id);
      continue;
    }
    if (change.pinnedShare !== undefined && random.next() >= change.pinnedShare) continue;
    meeting.fixed = { slot: assignment.slot, table: assignment.table };
    pinned++;
  }
  return {
    instance,
    pinned,
    displaced,
    newRequests: instance.meetings.slice(before.meetings.length).map((meeting) => meeting.id),
  };
}
