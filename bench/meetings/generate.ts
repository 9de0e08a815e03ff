/**
 * Seeded generator of realistic B2B instances: two afternoon/morning blocks of 20-minute slots,
 * popular "hub" participants, delegations bringing colleagues, workshops that block runs of
 * slots, late arrivals, caps for hubs, weights, and tight or loose tables.
 */
import type { Instance } from "../../app/features/meetings/scheduler/format";
import { createRandom } from "../../app/features/meetings/scheduler/random";

export interface GeneratorOptions {
  participants: number;
  /** Tight: about one table per eight people, so not every meeting fits; loose: one per three. */
  tables: "tight" | "loose";
  seed: number;
  /** Accepted meetings per participant (14,000 for 3,000 people by default). */
  meetingsPerParticipant?: number;
}

const BLOCKS = [
  { id: "wed-b2b", day: "2026-07-08", start: "14:30" },
  { id: "thu-b2b", day: "2026-07-09", start: "09:30" },
];
const SLOTS_PER_BLOCK = 9;
const SLOT_MINUTES = 20;

export function generateInstance(options: GeneratorOptions): Instance {
  const random = createRandom(options.seed);
  const pick = <T>(items: readonly T[]) => items[random.int(items.length)] as T;
  const n = options.participants;

  const slots = BLOCKS.flatMap((block) => {
    const [hours, minutes] = block.start.split(":").map(Number) as [number, number];
    return Array.from({ length: SLOTS_PER_BLOCK }, (_, i) => {
      const time = (offset: number) => {
        const total = hours * 60 + minutes + offset * SLOT_MINUTES;
        const hh = String(Math.floor(total / 60)).padStart(2, "0");
        const mm = String(total % 60).padStart(2, "0");
        return `${block.day}T${hh}:${mm}:00+02:00`;
      };
      return { id: `${block.id}-${i + 1}`, block: block.id, start: time(i), end: time(i + 1) };
    });
  });

  const tableCount = Math.max(4, Math.round(n / (options.tables === "tight" ? 8 : 3)));
  const tables = Array.from({ length: tableCount }, (_, i) => {
    const draw = random.next();
    return { id: `T${String(i + 1).padStart(4, "0")}`, seats: draw < 0.6 ? 2 : draw < 0.9 ? 4 : 6 };
  });

  // Delegations: about a quarter of the people come with one to three colleagues.
  const delegationOf = new Int32Array(n).fill(-1);
  const delegations: number[][] = [];
  for (let p = 0; p < n; ) {
    const size = random.next() < 0.1 ? 2 + random.int(3) : 1;
    const members = Array.from({ length: Math.min(size, n - p) }, (_, i) => p + i);
    if (members.length > 1) {
      for (const member of members) delegationOf[member] = delegations.length;
      delegations.push(members);
    }
    p += members.length;
  }

  // Popularity: 5 % hubs draw ten times the requests of the others.
  const hub = Uint8Array.from({ length: n }, () => (random.next() < 0.05 ? 1 : 0));
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let p = 0; p < n; p++) cumulative[p] = total += hub[p] ? 10 : 1;
  const drawPopular = () => {
    const x = random.next() * total;
    let low = 0;
    let high = n - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (cumulative[mid]! > x) high = mid;
      else low = mid + 1;
    }
    return low;
  };

  const blockedSlots = () => {
    const unavailable: string[] = [];
    BLOCKS.forEach((block, b) => {
      const ids = slots.slice(b * SLOTS_PER_BLOCK, (b + 1) * SLOTS_PER_BLOCK).map((slot) => slot.id);
      if (b === 0 && random.next() < 0.1) unavailable.push(...ids.slice(0, 2 + random.int(3))); // late arrival
      if (random.next() < 0.35) {
        const start = random.int(SLOTS_PER_BLOCK - 2);
        unavailable.push(...ids.slice(start, start + 3)); // a workshop
      }
    });
    return [...new Set(unavailable)];
  };
  const participants = Array.from({ length: n }, (_, p) => {
    const maxMeetings = hub[p] ? 10 + random.int(3) : random.next() < 0.2 ? 6 : undefined;
    return { id: `p${p + 1}`, unavailable: blockedSlots(), ...(maxMeetings === undefined ? {} : { maxMeetings }) };
  });

  const colleagues = (p: number) => (delegationOf[p]! >= 0 ? delegations[delegationOf[p]!]!.filter((q) => q !== p) : []);
  const meetingTarget = Math.round(n * (options.meetingsPerParticipant ?? 14_000 / 3_000));
  const pairs = new Set<string>();
  const meetings: Instance["meetings"] = [];
  for (let attempt = 0; meetings.length < meetingTarget && attempt < meetingTarget * 20; attempt++) {
    const requester = random.int(n);
    const target = drawPopular();
    if (requester === target || (delegationOf[requester]! >= 0 && delegationOf[requester] === delegationOf[target])) continue;
    const key = requester < target ? `${requester}-${target}` : `${target}-${requester}`;
    if (pairs.has(key)) continue;
    pairs.add(key);
    const people = [requester, target];
    const requesterSide = colleagues(requester);
    if (requesterSide.length > 0 && random.next() < 0.4) people.push(pick(requesterSide));
    const targetSide = colleagues(target);
    if (targetSide.length > 0 && random.next() < 0.2) people.push(pick(targetSide));
    const draw = random.next();
    meetings.push({
      id: `m${meetings.length + 1}`,
      participants: [...new Set(people)].map((p) => `p${p + 1}`),
      weight: draw < 0.6 ? 1 : draw < 0.9 ? 2 : 3,
    });
  }

  return {
    name: `bench-${n}-${options.tables}-seed${options.seed}`,
    slots,
    tables,
    participants,
    meetings,
    rules: { maxConsecutive: 4 },
  };
}
