/**
 * The meeting scheduler: places meetings on slots and tables to maximise the total weight, then,
 * among schedules of equal weight, the number of people who get at least one meeting.
 *
 * Tables are not searched over. In one slot, meetings can be seated iff, for every size k, the
 * meetings of k people or more are no more than the free tables of k seats or more (tables
 * nest by seats, so Hall's condition reduces to these counts). The search therefore only chooses
 * slots, and seats each slot at the end. After the local search, HiGHS solves small events
 * exactly and re-plans neighbourhoods of large ones. See docs/decisions/0007-meeting-scheduler-model.md,
 * 0008-meeting-scheduler-search.md and 0031-meeting-scheduler-exact-stage.md.
 */
import type { Schedule } from "./format";
import { formulate, solve, type Formulation } from "./exact";
import { UNLIMITED, type Model } from "./model";
import { createRandom, type Random } from "./random";

export interface ScheduleOptions {
  /** Wall-clock cap; the search normally ends earlier, on its own iteration budget. */
  timeLimitMs?: number;
  seed?: number;
  /** Search moves per placeable meeting; the default suits events of a few thousand people. */
  movesPerMeeting?: number;
  /** Whether small events go through the exact stage (HiGHS) after the local search; default true. */
  exact?: boolean;
}

export interface ScheduleResult {
  schedule: Schedule;
  value: number;
  placed: number;
  /** Moves tried by the local search, and whether the time limit (not the budget) ended it or the neighbourhood repair. */
  moves: number;
  stoppedByTimeLimit: boolean;
  /**
   * "optimal": HiGHS proved no schedule has more value, nor as much value and more people with a
   * meeting; "stopped": the time limit came first (the schedule is the best met); "skipped": the
   * event is too large for it, or it was turned off.
   */
  exactStage: "optimal" | "stopped" | "skipped";
}

export const DEFAULT_TIME_LIMIT_MS = 30_000;
const DEFAULT_MOVES_PER_MEETING = 1_000;
/** Caps the budget of large events (about 5 s for 14,000 meetings on one core). */
const MAX_MOVES = 1_500_000;
/** Events with at most this many meetings to place go through the exact stage: HiGHS proves their optimum in seconds. */
export const EXACT_STAGE_MEETINGS = 1_000;
/**
 * Neighbourhoods of larger events: meetings freed at once, at most this many or this share of the
 * event (a neighbourhood close to the whole event is as hard as the whole), and a cap on each one's solve.
 */
const NEIGHBOURHOOD_MEETINGS = 1_000;
const NEIGHBOURHOOD_SHARE = 1 / 8;
const REPAIR_SECONDS = 2;
/** Neighbourhood rounds: one per this many placeable meetings, at most MAX_REPAIR_ROUNDS. */
const REPAIR_MEETINGS_PER_ROUND = 1_500;
const MAX_REPAIR_ROUNDS = 32;
const EPSILON = 1e-9;
/** Members of a full slot looked at when one must make way. */
const SLOT_SAMPLE = 8;
/** Annealing temperatures, in units of the mean weight: early on a loss of a third of a typical meeting is often taken, at the end rarely. */
const START_TEMPERATURE = 0.3;
const END_TEMPERATURE = 0.03;
/** What a person left without a meeting costs the annealing, in units of the mean weight. */
const COVERAGE_WEIGHT = 0.1;

export async function scheduleMeetings(model: Model, options: ScheduleOptions = {}): Promise<ScheduleResult> {
  const deadline = performance.now() + (options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS);
  const search = new Search(model, createRandom(options.seed ?? 1));
  search.construct();
  const budget = Math.min(MAX_MOVES, Math.round((options.movesPerMeeting ?? DEFAULT_MOVES_PER_MEETING) * search.placeableCount));
  let moves = 0;
  let stoppedByTimeLimit = false;
  while (moves < budget && search.unplacedCount > 0) {
    // Reading the clock every move would cost more than the move itself.
    if ((moves & 1023) === 0 && performance.now() > deadline) {
      stoppedByTimeLimit = true;
      break;
    }
    search.move(search.meanWeight * START_TEMPERATURE * Math.pow(END_TEMPERATURE / START_TEMPERATURE, moves / budget));
    moves++;
  }
  search.restoreBest();
  let exactStage: ScheduleResult["exactStage"] = "skipped";
  if ((options.exact ?? true) && !stoppedByTimeLimit && search.placeableCount > 0) {
    if (search.placeableCount <= EXACT_STAGE_MEETINGS) exactStage = await solveExactly(model, search, deadline);
    else stoppedByTimeLimit = await repairNeighbourhoods(model, search, deadline);
  }
  const schedule = search.toSchedule();
  return { schedule, value: search.value, placed: schedule.assignments.length, moves, stoppedByTimeLimit, exactStage };
}

/**
 * The exact stage: HiGHS maximises the value from the local search's schedule, then, at that
 * value, the people with a meeting. A solution is taken only when it is better and every one
 * of its meetings passes the engine's own checks; when the time limit stops HiGHS, the best
 * schedule met so far stays.
 */
async function solveExactly(model: Model, search: Search, deadline: number): Promise<"optimal" | "stopped"> {
  const formulation = formulate(model);
  const seconds = () => Math.max(0, (deadline - performance.now()) / 1000);
  const best = await solve(model, formulation, { integer: true, timeLimitSeconds: seconds(), start: startFrom(formulation, search.slots()) });
  adopt(search, formulation, best.columns, search.movable);
  // "optimal" only if the proven value is the one held (the checks in `adopt` could refuse it).
  if (!best.optimal || search.value < best.objective - 1e-6 * Math.max(1, Math.abs(best.objective)) || seconds() === 0) return "stopped";
  const fairest = await solve(model, formulation, {
    integer: true,
    timeLimitSeconds: seconds(),
    coverage: { minValue: search.value },
    start: startFrom(formulation, search.slots()),
  });
  adopt(search, formulation, fairest.columns, search.movable);
  return fairest.optimal ? "optimal" : "stopped";
}

/**
 * Large events: HiGHS re-plans neighbourhoods exactly, one at a time, everything else held where
 * it is: the people around an unplaced meeting, with all their meetings. Each neighbourhood is
 * small enough to be solved in a fraction of a second.
 */
async function repairNeighbourhoods(model: Model, search: Search, deadline: number): Promise<boolean> {
  const rounds = Math.min(MAX_REPAIR_ROUNDS, Math.ceil(search.placeableCount / REPAIR_MEETINGS_PER_ROUND));
  const size = Math.min(NEIGHBOURHOOD_MEETINGS, Math.ceil(search.placeableCount * NEIGHBOURHOOD_SHARE));
  for (let round = 0; round < rounds && search.unplacedCount > 0; round++) {
    const seconds = (deadline - performance.now()) / 1000;
    if (seconds <= 0) return true;
    const free = search.neighbourhood(search.pickUnplaced(), size);
    const isFree = new Uint8Array(model.meetingWeight.length);
    for (const m of free) isFree[m] = 1;
    const slots = search.slots();
    const tables = search.seat();
    // Everything outside the neighbourhood is pinned where it is.
    const held: Model = {
      ...model,
      fixedSlot: Int32Array.from(slots, (s, m) => (isFree[m] ? -1 : s)),
      fixedTable: Int32Array.from(tables, (t, m) => (isFree[m] ? -1 : t)),
    };
    const formulation = formulate(held, isFree);
    const result = await solve(held, formulation, {
      integer: true,
      timeLimitSeconds: Math.min(seconds, REPAIR_SECONDS),
      start: startFrom(formulation, slots),
    });
    adopt(search, formulation, result.columns, free);
  }
  return false;
}

const startFrom = ({ columnMeeting, columnSlot }: Formulation, slots: Int32Array) =>
  Uint8Array.from(columnMeeting, (m, j) => (slots[m] === columnSlot[j] ? 1 : 0));

/**
 * Takes HiGHS's slots for `meetings` when that is better (value, then people with a meeting)
 * and every meeting passes the engine's own checks; else leaves the schedule as it was.
 */
function adopt(search: Search, { columnMeeting, columnSlot }: Formulation, columns: Float64Array | undefined, meetings: readonly number[]): void {
  if (!columns) return;
  const before = search.slots();
  const { value, covered } = search;
  const slots = before.slice();
  for (const m of meetings) slots[m] = -1;
  columns.forEach((x, j) => {
    if (x > 0.5) slots[columnMeeting[j]!] = columnSlot[j]!;
  });
  const better = search.assign(slots, meetings) && (search.value > value + EPSILON || (search.value > value - EPSILON && search.covered > covered));
  if (!better) search.assign(before, meetings);
}

class Search {
  private readonly slotCount: number;
  /** Distinct meeting sizes, ascending; a meeting's class is the index of its size here. */
  private readonly classSizes: number[];
  private readonly sizeClass: Int32Array;
  /** capacity[slot * classes + k]: free tables (not pinned) with at least classSizes[k] seats. */
  private readonly capacity: Int32Array;
  /** used[slot * classes + k]: movable meetings of class k or more in the slot. */
  private readonly used: Int32Array;
  private readonly allowedSlots: Int32Array[];
  private readonly isFixed: Uint8Array;
  /** Meetings that are not pinned. */
  readonly movable: number[];
  private readonly slotOf: Int32Array;
  /** occupant[person * slots + slot]: the meeting holding the person then, or -1. */
  private readonly occupant: Int32Array;
  private readonly meetingCount: Int32Array;
  private readonly slotMembers: number[][];
  private readonly memberPosition: Int32Array;
  /** The movable meetings not placed, with each one's position, for O(1) picks and updates. */
  private readonly pool: Int32Array;
  private readonly poolPosition: Int32Array;
  private poolSize = 0;
  /** [meeting * 2 + (1 if placed, 0 if removed), slot] pairs since the move started. */
  private readonly journal: number[] = [];
  /** Equal-weight candidates seen by `lighter`, for a uniform choice among them. */
  private ties = 0;
  readonly placeableCount: number;
  readonly meanWeight: number;
  value = 0;
  /** People with at least one meeting. */
  covered = 0;
  private bestValue = 0;
  private bestIsCurrent = true;
  private bestCovered = 0;
  private readonly bestSlotOf: Int32Array;

  constructor(
    private readonly model: Model,
    private readonly random: Random,
  ) {
    const { instance } = model;
    const meetings = instance.meetings.length;
    const slots = instance.slots.length;
    this.slotCount = slots;
    this.classSizes = [...new Set(model.meetingPeople.map((people) => people.length))].sort((a, b) => a - b);
    const classes = this.classSizes.length;
    this.sizeClass = Int32Array.from(model.meetingPeople, (people) => this.classSizes.indexOf(people.length));
    this.capacity = new Int32Array(slots * classes);
    this.used = new Int32Array(slots * classes);
    const pinnedTables = new Set<number>();
    instance.meetings.forEach((_, m) => {
      if (model.fixedSlot[m]! >= 0) pinnedTables.add(model.fixedTable[m]! * slots + model.fixedSlot[m]!);
    });
    for (let s = 0; s < slots; s++) {
      model.seats.forEach((seats, t) => {
        if (pinnedTables.has(t * slots + s)) return;
        for (let k = 0; k < classes && this.classSizes[k]! <= seats; k++) this.capacity[s * classes + k]!++;
      });
    }
    this.isFixed = Uint8Array.from(model.fixedSlot, (s) => (s >= 0 ? 1 : 0));
    this.movable = Array.from(this.isFixed.keys()).filter((m) => !this.isFixed[m]);
    this.slotOf = new Int32Array(meetings).fill(-1);
    this.bestSlotOf = new Int32Array(meetings);
    this.occupant = new Int32Array(instance.participants.length * slots).fill(-1);
    this.meetingCount = new Int32Array(instance.participants.length);
    this.slotMembers = instance.slots.map(() => []);
    this.memberPosition = new Int32Array(meetings).fill(-1);
    this.pool = new Int32Array(meetings);
    this.poolPosition = new Int32Array(meetings).fill(-1);

    for (let m = 0; m < meetings; m++) {
      if (this.isFixed[m]) this.place(m, model.fixedSlot[m]!);
    }
    this.journal.length = 0;
    this.allowedSlots = instance.meetings.map((_, m) => this.isFixed[m] ? new Int32Array(0) : this.slotsFor(m));
    let placeable = 0;
    this.allowedSlots.forEach((allowed, m) => {
      if (allowed.length === 0) return;
      placeable++;
      this.poolPosition[m] = this.poolSize;
      this.pool[this.poolSize++] = m;
    });
    this.placeableCount = placeable;
    let totalWeight = 0;
    for (let i = 0; i < this.poolSize; i++) totalWeight += model.meetingWeight[this.pool[i]!]!;
    this.meanWeight = placeable > 0 ? totalWeight / placeable : 1;
  }

  get unplacedCount(): number {
    return this.poolSize;
  }

  /** Slots where everyone in the meeting is free of pins and availability, with a big enough free table. */
  private slotsFor(m: number): Int32Array {
    const people = this.model.meetingPeople[m]!;
    const classes = this.classSizes.length;
    const k = this.sizeClass[m]!;
    if (people.some((p) => this.model.maxMeetings[p]! <= this.meetingCount[p]!)) return new Int32Array(0);
    const slots: number[] = [];
    for (let s = 0; s < this.slotCount; s++) {
      if (this.capacity[s * classes + k] === 0) continue;
      if (people.some((p) => this.model.unavailable[p * this.slotCount + s] || this.occupant[p * this.slotCount + s]! >= 0)) continue;
      slots.push(s);
    }
    return Int32Array.from(slots);
  }

  /** Greedy start: heavy meetings first, then those with fewer possible slots, each where tables are least used. */
  construct(): void {
    const classes = this.classSizes.length;
    const order = this.random.shuffle(Array.from(this.pool.subarray(0, this.poolSize)));
    const weight = this.model.meetingWeight;
    order.sort((a, b) => weight[b]! - weight[a]! || this.allowedSlots[a]!.length - this.allowedSlots[b]!.length);
    for (const m of order) {
      const k = this.sizeClass[m]!;
      let best = -1;
      let bestRoom = -Infinity;
      for (const s of this.allowedSlots[m]!) {
        const room = (this.capacity[s * classes + k]! - this.used[s * classes + k]!) / this.capacity[s * classes + k]!;
        if (room > bestRoom && this.canPlace(m, s)) {
          best = s;
          bestRoom = room;
        }
      }
      if (best >= 0) this.place(m, best);
    }
    this.journal.length = 0;
    this.bestValue = this.value;
    this.bestCovered = this.covered;
  }

  /**
   * One local-search move: put an unplaced meeting in one of its slots, ejecting whatever blocks
   * it (the lightest candidates), then give each ejected meeting any slot still open to it. The
   * move is kept if it gains value, or by the annealing rule if it loses some; else undone.
   */
  move(temperature: number): void {
    const m = this.pickUnplaced();
    const allowed = this.allowedSlots[m]!;
    const s = allowed[this.random.int(allowed.length)]!;
    const valueBefore = this.value;
    const coveredBefore = this.covered;
    const ejected = this.makeRoom(m, s);
    if (ejected) {
      this.place(m, s);
      for (const e of ejected) this.placeAnywhere(e);
      const gain = this.value - valueBefore;
      // At equal value a person losing their only meeting counts as a small loss, so that the
      // search may pass through such schedules on its way to better ones.
      const loss = gain > -EPSILON ? Math.max(0, coveredBefore - this.covered) * COVERAGE_WEIGHT * this.meanWeight : -gain;
      const accepted = gain > EPSILON || loss === 0 || this.random.next() < Math.exp(-loss / temperature);
      if (accepted) {
        this.recordBest();
        this.journal.length = 0;
        return;
      }
    }
    this.undo();
  }

  /**
   * The heavier of two unplaced meetings drawn at random: most unplaced meetings are light ones
   * of people at their cap, which can only trade places with meetings of the same weight.
   */
  pickUnplaced(): number {
    const first = this.pool[this.random.int(this.poolSize)]!;
    const second = this.pool[this.random.int(this.poolSize)]!;
    return this.model.meetingWeight[second]! > this.model.meetingWeight[first]! ? second : first;
  }

  /**
   * Keeps track of the best schedule met without copying it at every improvement: the copy is
   * taken only when an accepted move leaves a best schedule for a worse one (the journal still
   * holds that move, so the schedule before it can be rebuilt).
   */
  private recordBest(): void {
    const better =
      this.value > this.bestValue + EPSILON || (this.value > this.bestValue - EPSILON && this.covered >= this.bestCovered);
    if (better) {
      this.bestValue = this.value;
      this.bestCovered = this.covered;
      this.bestIsCurrent = true;
      return;
    }
    if (!this.bestIsCurrent) return;
    this.bestSlotOf.set(this.slotOf);
    const journal = this.journal;
    for (let i = journal.length - 2; i >= 0; i -= 2) {
      const entry = journal[i]!;
      this.bestSlotOf[entry >> 1] = entry & 1 ? -1 : journal[i + 1]!;
    }
    this.bestIsCurrent = false;
  }

  /** Goes back to the best schedule met, as annealing may have left it. */
  restoreBest(): void {
    if (!this.bestIsCurrent) this.assign(this.bestSlotOf);
    this.bestIsCurrent = true;
  }

  /** The slot of every meeting, or -1. */
  slots(): Int32Array {
    return this.slotOf.slice();
  }

  /**
   * Moves each of `meetings` (default: every movable one) to its slot in `slots`, or out; pinned
   * ones stay. Returns false, leaving them part-placed, when one breaks a rule where it is asked to go.
   */
  assign(slots: Int32Array, meetings: readonly number[] = this.movable): boolean {
    for (const m of meetings) if (this.slotOf[m]! >= 0 && !this.isFixed[m]) this.remove(m, false);
    for (const m of meetings) {
      const s = slots[m]!;
      if (s < 0 || this.isFixed[m]) continue;
      if (!this.allowedSlots[m]!.includes(s) || !this.canPlace(m, s)) return false;
      this.place(m, s, false);
    }
    return true;
  }

  /**
   * The meetings of the people around meeting `seed`, people added breadth first through their
   * meetings until about `size` meetings are reached.
   */
  neighbourhood(seed: number, size: number): number[] {
    const meetings: number[] = [];
    const taken = new Set<number>();
    const people: number[] = Array.from(this.model.meetingPeople[seed]!);
    const seen = new Set(people);
    for (let i = 0; i < people.length && meetings.length < size; i++) {
      for (const m of this.model.personMeetings[people[i]!]!) {
        if (this.isFixed[m] || this.allowedSlots[m]!.length === 0 || taken.has(m)) continue;
        taken.add(m);
        meetings.push(m);
        for (const q of this.model.meetingPeople[m]!) {
          if (!seen.has(q)) {
            seen.add(q);
            people.push(q);
          }
        }
      }
    }
    return meetings;
  }

  /** Removes what stops m from going into s, or returns null when a pinned meeting stops it. */
  private makeRoom(m: number, s: number): number[] | null {
    const people = this.model.meetingPeople[m]!;
    const ejected: number[] = [];
    for (const p of people) {
      const holder = this.occupant[p * this.slotCount + s]!;
      if (holder >= 0 && !this.eject(holder, ejected)) return null;
    }
    const fullClass = this.fullestBlockedClass(m, s);
    if (fullClass >= 0 && !this.eject(this.lightestInSlot(s, fullClass), ejected)) return null;
    for (const p of people) {
      if (this.meetingCount[p]! >= this.model.maxMeetings[p]! && !this.eject(this.lightestOfPerson(p), ejected)) return null;
    }
    for (const p of people) {
      while (this.runLength(p, s) > this.model.maxConsecutive) {
        if (!this.eject(this.lightestBreakingRun(p, s), ejected)) return null;
      }
    }
    return ejected;
  }

  private eject(victim: number, ejected: number[]): boolean {
    if (victim < 0 || this.isFixed[victim]) return false;
    this.remove(victim);
    ejected.push(victim);
    return true;
  }

  private placeAnywhere(m: number): boolean {
    const allowed = this.allowedSlots[m]!;
    const offset = this.random.int(allowed.length);
    for (let i = 0; i < allowed.length; i++) {
      const s = allowed[(i + offset) % allowed.length]!;
      if (this.canPlace(m, s)) {
        this.place(m, s);
        return true;
      }
    }
    return false;
  }

  private canPlace(m: number, s: number): boolean {
    if (this.fullestBlockedClass(m, s) >= 0) return false;
    for (const p of this.model.meetingPeople[m]!) {
      if (this.occupant[p * this.slotCount + s]! >= 0) return false;
      if (this.meetingCount[p]! >= this.model.maxMeetings[p]!) return false;
      if (this.runLength(p, s) > this.model.maxConsecutive) return false;
    }
    return true;
  }

  /** The largest size class whose tables are all taken in s, among those m would use; -1 if none. */
  private fullestBlockedClass(m: number, s: number): number {
    const classes = this.classSizes.length;
    for (let k = this.sizeClass[m]!; k >= 0; k--) {
      if (this.used[s * classes + k]! >= this.capacity[s * classes + k]!) return k;
    }
    return -1;
  }

  /** Length of the person's run of meetings through s if s were taken. */
  private runLength(p: number, s: number): number {
    if (this.model.maxConsecutive === UNLIMITED) return 1;
    const row = p * this.slotCount;
    let run = 1;
    for (let x = this.model.previousSlot[s]!; x >= 0 && this.occupant[row + x]! >= 0; x = this.model.previousSlot[x]!) run++;
    for (let x = this.model.nextSlot[s]!; x >= 0 && this.occupant[row + x]! >= 0; x = this.model.nextSlot[x]!) run++;
    return run;
  }

  /** Keeps the lightest movable meeting seen, ties broken at random; call with -1 first. */
  private lighter(best: number, candidate: number): number {
    if (candidate < 0 || this.isFixed[candidate]) return best;
    if (best < 0) {
      this.ties = 1;
      return candidate;
    }
    const difference = this.model.meetingWeight[candidate]! - this.model.meetingWeight[best]!;
    if (difference < -EPSILON) {
      this.ties = 1;
      return candidate;
    }
    return difference < EPSILON && this.random.int(++this.ties) === 0 ? candidate : best;
  }

  /** A light movable meeting of class k or more in s; samples a few members, as slots can hold hundreds. */
  private lightestInSlot(s: number, k: number): number {
    const members = this.slotMembers[s]!;
    let best = -1;
    for (let i = 0; i < SLOT_SAMPLE && members.length > 0; i++) {
      const m = members[this.random.int(members.length)]!;
      if (this.sizeClass[m]! >= k) best = this.lighter(best, m);
    }
    if (best >= 0) return best;
    for (const m of members) if (this.sizeClass[m]! >= k) best = this.lighter(best, m);
    return best;
  }

  private lightestOfPerson(p: number): number {
    let best = -1;
    for (const m of this.model.personMeetings[p]!) if (this.slotOf[m]! >= 0) best = this.lighter(best, m);
    return best;
  }

  /**
   * The lightest meeting whose removal brings the person's run through s back to maxConsecutive;
   * when no single one does (s between two runs), the lighter of the two next to s.
   */
  private lightestBreakingRun(p: number, s: number): number {
    const limit = this.model.maxConsecutive;
    const row = p * this.slotCount;
    const side = (links: Int32Array) => {
      const slots: number[] = [];
      for (let x = links[s]!; x >= 0 && this.occupant[row + x]! >= 0; x = links[x]!) slots.push(x);
      return slots;
    };
    const before = side(this.model.previousSlot);
    const after = side(this.model.nextSlot);
    // Removing the d-th meeting before s leaves a run of (d - 1) + 1 + after.length through s.
    const breaking = [
      ...before.slice(0, Math.max(0, limit - after.length)),
      ...after.slice(0, Math.max(0, limit - before.length)),
    ];
    const candidates = breaking.length > 0 ? breaking : [...before.slice(0, 1), ...after.slice(0, 1)];
    let best = -1;
    for (const x of candidates) best = this.lighter(best, this.occupant[row + x]!);
    return best;
  }

  private place(m: number, s: number, journal = true): void {
    const classes = this.classSizes.length;
    this.slotOf[m] = s;
    for (const p of this.model.meetingPeople[m]!) {
      this.occupant[p * this.slotCount + s] = m;
      if (this.meetingCount[p]!++ === 0) this.covered++;
    }
    this.value += this.model.meetingWeight[m]!;
    if (journal) this.journal.push(m * 2 + 1, s);
    if (this.isFixed[m]) return;
    for (let k = this.sizeClass[m]!; k >= 0; k--) this.used[s * classes + k]!++;
    const members = this.slotMembers[s]!;
    this.memberPosition[m] = members.length;
    members.push(m);
    this.takeFromPool(m);
  }

  private remove(m: number, journal = true): void {
    const classes = this.classSizes.length;
    const s = this.slotOf[m]!;
    this.slotOf[m] = -1;
    for (const p of this.model.meetingPeople[m]!) {
      this.occupant[p * this.slotCount + s] = -1;
      if (--this.meetingCount[p]! === 0) this.covered--;
    }
    this.value -= this.model.meetingWeight[m]!;
    if (journal) this.journal.push(m * 2, s);
    for (let k = this.sizeClass[m]!; k >= 0; k--) this.used[s * classes + k]!--;
    const members = this.slotMembers[s]!;
    const last = members.pop()!;
    if (last !== m) {
      members[this.memberPosition[m]!] = last;
      this.memberPosition[last] = this.memberPosition[m]!;
    }
    this.memberPosition[m] = -1;
    this.poolPosition[m] = this.poolSize;
    this.pool[this.poolSize++] = m;
  }

  private takeFromPool(m: number): void {
    const position = this.poolPosition[m]!;
    if (position < 0) return;
    const last = this.pool[--this.poolSize]!;
    this.pool[position] = last;
    this.poolPosition[last] = position;
    this.poolPosition[m] = -1;
  }

  private undo(): void {
    const journal = this.journal;
    for (let i = journal.length - 2; i >= 0; i -= 2) {
      const entry = journal[i]!;
      const m = entry >> 1;
      if (entry & 1) this.remove(m, false);
      else this.place(m, journal[i + 1]!, false);
    }
    journal.length = 0;
  }

  /** The table of every meeting, or -1: pinned meetings keep theirs; the others, largest first, take the smallest free table that fits. */
  seat(): Int32Array {
    const { seats, meetingPeople, fixedTable } = this.model;
    const tableOf = new Int32Array(this.slotOf.length).fill(-1);
    // Tables grouped by seats, ascending; within a group any free table will do.
    const groups = [...new Set(seats)].sort((a, b) => a - b).map((groupSeats) => ({
      seats: groupSeats,
      tables: Array.from(seats.keys()).filter((t) => seats[t] === groupSeats),
    }));
    const pinnedAt: number[][] = this.slotMembers.map(() => []);
    this.isFixed.forEach((fixed, m) => {
      if (!fixed) return;
      tableOf[m] = fixedTable[m]!;
      pinnedAt[this.slotOf[m]!]!.push(fixedTable[m]!);
    });
    const taken = new Uint8Array(seats.length);
    this.slotMembers.forEach((members, s) => {
      for (const t of pinnedAt[s]!) taken[t] = 1;
      const next = groups.map(() => 0);
      const bySize = [...members].sort((a, b) => meetingPeople[b]!.length - meetingPeople[a]!.length || a - b);
      for (const m of bySize) {
        const size = meetingPeople[m]!.length;
        let t = -1;
        for (let g = 0; g < groups.length && t < 0; g++) {
          const { seats: groupSeats, tables } = groups[g]!;
          if (groupSeats < size) continue;
          while (next[g]! < tables.length && taken[tables[next[g]!]!]) next[g]!++;
          if (next[g]! < tables.length) t = tables[next[g]!++]!;
        }
        if (t < 0) throw new Error(`internal error: no table left for meeting "${this.model.instance.meetings[m]!.id}"`);
        taken[t] = 1;
        tableOf[m] = t;
      }
      for (const m of members) taken[tableOf[m]!] = 0;
      for (const t of pinnedAt[s]!) taken[t] = 0;
    });
    return tableOf;
  }

  toSchedule(): Schedule {
    const { instance } = this.model;
    const tableOf = this.seat();
    const bySlot: number[][] = instance.slots.map(() => []);
    this.slotOf.forEach((s, m) => {
      if (s >= 0) bySlot[s]!.push(m);
    });
    const assignments: Schedule["assignments"] = [];
    for (const s of this.model.slotOrder) {
      for (const m of bySlot[s]!.sort((a, b) => tableOf[a]! - tableOf[b]!)) {
        assignments.push({ meeting: instance.meetings[m]!.id, slot: instance.slots[s]!.id, table: instance.tables[tableOf[m]!]!.id });
      }
    }
    return { assignments };
  }
}
