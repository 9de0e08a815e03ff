/**
 * The scheduling problem as a (mixed-integer) linear programme, solved with HiGHS: the engine's
 * exact stage on small events (docs/decisions/0031-meeting-scheduler-exact-stage.md), and the
 * benchmark's LP bound, optimum and fairness figures. Variables
 * x[m,s] put meeting m in slot s; tables enter through per-slot counts by size (a slot can seat
 * its meetings iff, for every size k, meetings of k people or more <= free tables of k seats or
 * more), so the integer programme is exact and its LP relaxation an upper bound.
 *
 *   max  sum w[m] x[m,s]
 *   each meeting at most once; each person at most once per slot and maxMeetings in all;
 *   at most maxConsecutive meetings in any maxConsecutive + 1 consecutive slots of a block;
 *   per slot and size k, meetings of size >= k <= free tables of seats >= k.
 *
 * Pinned meetings are constants: they remove their table and their people's slot, and count
 * against the caps. Optional person columns y[p] <= sum of p's x measure coverage (fairness).
 */
import highsLoader from "highs";
import { UNLIMITED, type Model } from "./model";

type Highs = Awaited<ReturnType<typeof highsLoader>>;
let highsPromise: Promise<Highs> | undefined;
const loadHighs = () => (highsPromise ??= highsLoader());

export interface Formulation {
  columnMeeting: Int32Array;
  columnSlot: Int32Array;
  /** Value of the pinned meetings, added to every objective. */
  fixedValue: number;
  /** Whether each person already meets in a pinned meeting. */
  fixedCovered: Uint8Array;
  rows: { indices: number[]; upper: number }[];
}

/** `free`, when given, limits the columns to those meetings (the others not pinned stay out). */
export function formulate(model: Model, free?: Uint8Array): Formulation {
  const { instance } = model;
  const slotCount = instance.slots.length;
  const personCount = instance.participants.length;
  const sizes = [...new Set(model.meetingPeople.map((people) => people.length))].sort((a, b) => a - b);

  const fixedBusy = new Uint8Array(personCount * slotCount);
  const fixedCount = new Int32Array(personCount);
  const fixedCovered = new Uint8Array(personCount);
  const freeTables = new Int32Array(slotCount * sizes.length);
  const pinned = new Set<number>();
  let fixedValue = 0;
  instance.meetings.forEach((_, m) => {
    const s = model.fixedSlot[m]!;
    if (s < 0) return;
    fixedValue += model.meetingWeight[m]!;
    pinned.add(model.fixedTable[m]! * slotCount + s);
    for (const p of model.meetingPeople[m]!) {
      fixedBusy[p * slotCount + s] = 1;
      fixedCount[p]!++;
      fixedCovered[p] = 1;
    }
  });
  for (let s = 0; s < slotCount; s++) {
    model.seats.forEach((seats, t) => {
      if (pinned.has(t * slotCount + s)) return;
      sizes.forEach((size, k) => {
        if (size <= seats) freeTables[s * sizes.length + k]!++;
      });
    });
  }

  const columnMeeting: number[] = [];
  const columnSlot: number[] = [];
  const meetingColumns: number[][] = instance.meetings.map(() => []);
  instance.meetings.forEach((_, m) => {
    const people = model.meetingPeople[m]!;
    const k = sizes.indexOf(people.length);
    if (model.fixedSlot[m]! >= 0 || (free && !free[m]) || people.some((p) => fixedCount[p]! >= model.maxMeetings[p]!)) return;
    for (let s = 0; s < slotCount; s++) {
      if (freeTables[s * sizes.length + k] === 0) continue;
      if (people.some((p) => model.unavailable[p * slotCount + s] || fixedBusy[p * slotCount + s])) continue;
      meetingColumns[m]!.push(columnMeeting.length);
      columnMeeting.push(m);
      columnSlot.push(s);
    }
  });

  const rows: Formulation["rows"] = [];
  const addRow = (indices: number[], upper: number) => {
    if (indices.length > upper) rows.push({ indices, upper });
  };
  for (const columns of meetingColumns) addRow(columns, 1);

  const personSlotColumns = new Map<number, number[]>();
  const slotSizeColumns: number[][] = Array.from({ length: slotCount * sizes.length }, () => []);
  columnMeeting.forEach((m, j) => {
    const s = columnSlot[j]!;
    for (const p of model.meetingPeople[m]!) {
      const key = p * slotCount + s;
      const list = personSlotColumns.get(key);
      if (list) list.push(j);
      else personSlotColumns.set(key, [j]);
    }
    const k = sizes.indexOf(model.meetingPeople[m]!.length);
    for (let smaller = 0; smaller <= k; smaller++) slotSizeColumns[s * sizes.length + smaller]!.push(j);
  });
  for (const columns of personSlotColumns.values()) addRow(columns, 1);
  slotSizeColumns.forEach((columns, key) => addRow(columns, freeTables[key]!));

  for (let p = 0; p < personCount; p++) {
    const columns = Array.from(model.personMeetings[p]!).flatMap((m) => meetingColumns[m]!);
    if (columns.length === 0) continue;
    if (model.maxMeetings[p]! !== UNLIMITED) addRow(columns, model.maxMeetings[p]! - fixedCount[p]!);
    if (model.maxConsecutive === UNLIMITED) continue;
    // Every window of maxConsecutive + 1 consecutive slots of a block holds at most maxConsecutive.
    for (const first of model.slotOrder) {
      const window: number[] = [];
      for (let s = first; s >= 0 && window.length <= model.maxConsecutive; s = model.nextSlot[s]!) window.push(s);
      if (window.length <= model.maxConsecutive) continue;
      const fixedInWindow = window.filter((s) => fixedBusy[p * slotCount + s]).length;
      addRow(window.flatMap((s) => personSlotColumns.get(p * slotCount + s) ?? []), model.maxConsecutive - fixedInWindow);
    }
  }
  return {
    columnMeeting: Int32Array.from(columnMeeting),
    columnSlot: Int32Array.from(columnSlot),
    fixedValue,
    fixedCovered,
    rows,
  };
}

export interface SolveOptions {
  integer: boolean;
  timeLimitSeconds: number;
  /**
   * Maximise the number of people with a meeting instead of the value, among schedules of value
   * at least minValue; `keepCovered` people must keep a meeting, and only `countOnly` people
   * (default: everyone) are counted.
   */
  coverage?: { minValue: number; keepCovered?: Uint8Array; countOnly?: Uint8Array };
  /** A feasible 0/1 value per meeting column to start the MIP from (person columns follow from it). */
  start?: Uint8Array;
}

export interface SolveResult {
  /** Proven optimal objective, or the best bound HiGHS proved when it stopped early. */
  bound: number;
  /** Objective of the best solution found (integer runs), else the bound. */
  objective: number;
  optimal: boolean;
  seconds: number;
  /** Value of each meeting column in the best solution found (integer runs that found one). */
  columns?: Float64Array;
}

export async function solve(model: Model, formulation: Formulation, options: SolveOptions): Promise<SolveResult> {
  const highs = await loadHighs();
  const { columnMeeting, rows } = formulation;
  const personCount = model.instance.participants.length;
  const meetingColumnCount = columnMeeting.length;
  const weights = Float64Array.from(columnMeeting, (m) => model.meetingWeight[m]!);

  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  const rowUpper: number[] = [];
  const rowLower: number[] = [];
  const pushRow = (rowIndices: number[], rowValues: number[] | null, lower: number, upper: number) => {
    // A loop, not push(...): the value row of a large instance has too many entries for spreading.
    rowIndices.forEach((column, k) => {
      indices.push(column);
      values.push(rowValues?.[k] ?? 1);
    });
    starts.push(indices.length);
    rowLower.push(lower);
    rowUpper.push(upper);
  };
  for (const row of rows) pushRow(row.indices, null, -highs.infinity, row.upper);

  let columnCount = meetingColumnCount;
  const start = options.start ? Array.from(options.start) : undefined;
  const cost = Array.from(weights);
  const lower: number[] = cost.map(() => 0);
  const upper: number[] = cost.map(() => 1);
  let offset = formulation.fixedValue;
  if (options.coverage) {
    const { minValue, keepCovered, countOnly } = options.coverage;
    cost.fill(0);
    offset = 0;
    pushRow(Array.from({ length: meetingColumnCount }, (_, j) => j), Array.from(weights), minValue - formulation.fixedValue - 1e-6, highs.infinity);
    const personColumns: number[][] = Array.from({ length: personCount }, () => []);
    columnMeeting.forEach((m, j) => {
      for (const p of model.meetingPeople[m]!) personColumns[p]!.push(j);
    });
    for (let p = 0; p < personCount; p++) {
      const counted = !countOnly || countOnly[p] === 1;
      if (formulation.fixedCovered[p]) {
        if (counted) offset++;
        continue;
      }
      const columns = personColumns[p]!;
      if (keepCovered?.[p]) pushRow(columns, null, 1, highs.infinity);
      if (!counted || columns.length === 0) continue;
      // y[p] <= sum of p's x
      pushRow([columnCount, ...columns], [1, ...columns.map(() => -1)], -highs.infinity, 0);
      start?.push(columns.some((j) => start[j] === 1) ? 1 : 0);
      cost.push(1);
      lower.push(0);
      upper.push(1);
      columnCount++;
    }
  }

  const began = performance.now();
  const highsModel = highs.createModel({
    numCols: columnCount,
    numRows: rowUpper.length,
    sense: highs.constants.objectiveSense.maximize,
    offset,
    colCost: Float64Array.from(cost),
    colLower: Float64Array.from(lower),
    colUpper: Float64Array.from(upper),
    rowLower: Float64Array.from(rowLower),
    rowUpper: Float64Array.from(rowUpper),
    matrix: {
      format: "csr",
      numRows: rowUpper.length,
      numCols: columnCount,
      starts: Int32Array.from(starts),
      indices: Int32Array.from(indices),
      values: Float64Array.from(values),
    },
    ...(options.integer ? { integrality: new Int32Array(columnCount).fill(highs.constants.variableType.integer) } : {}),
  });
  try {
    highsModel.options.set({
      output_flag: false,
      time_limit: options.timeLimitSeconds,
      // Crossover would take minutes on the large instances; the bound is certified below instead.
      ...(options.integer ? { mip_rel_gap: 0, mip_abs_gap: 1e-6 } : { solver: "ipm", run_crossover: "off" }),
    });
    if (start) highsModel.setSolution({ colValue: Float64Array.from(start) });
    highsModel.run();
    const status = highsModel.getModelStatus();
    const optimal = status === highs.constants.modelStatus.optimal;
    const seconds = (performance.now() - began) / 1000;
    if (options.integer) {
      const found = Number(highsModel.info.get("primal_solution_status")) === highs.constants.solutionStatus.feasible;
      const objective = found ? highsModel.getObjectiveValue() : -Infinity;
      const bound = optimal ? objective : Number(highsModel.info.get("mip_dual_bound"));
      const columns = found ? highsModel.getSolution().colValue.slice(0, meetingColumnCount) : undefined;
      return { bound, objective, optimal, seconds, ...(columns ? { columns } : {}) };
    }
    const { rowDual } = highsModel.getSolution();
    const problem = { offset, cost, lower, upper, rowLower, rowUpper, starts, indices, values };
    const bound = Math.min(dualBound(problem, rowDual, 1), dualBound(problem, rowDual, -1));
    if (!Number.isFinite(bound)) throw new Error(`LP relaxation not solved (HiGHS status ${status})`);
    return { bound, objective: bound, optimal: true, seconds };
  } finally {
    highsModel.dispose();
  }
}

interface RowProblem {
  offset: number;
  cost: number[];
  lower: number[];
  upper: number[];
  rowLower: number[];
  rowUpper: number[];
  starts: number[];
  indices: number[];
  values: number[];
}

/**
 * An upper bound on max cost.x (lower <= x <= upper, rowLower <= Ax <= rowUpper) that holds for
 * any row multipliers y: sum over rows of y.rowUpper (y > 0) or y.rowLower (y < 0), plus the best
 * each column can do against its reduced cost. Computed from the interior-point duals (HiGHS's
 * sign convention is tried both ways), it needs neither crossover nor trust in the solver status.
 */
function dualBound(problem: RowProblem, rowDual: Float64Array, sign: 1 | -1): number {
  const reduced = Float64Array.from(problem.cost);
  let bound = problem.offset;
  for (let i = 0; i < problem.rowUpper.length; i++) {
    let y = sign * rowDual[i]!;
    if ((y > 0 && !Number.isFinite(problem.rowUpper[i]!)) || (y < 0 && !Number.isFinite(problem.rowLower[i]!))) y = 0;
    if (y === 0) continue;
    bound += y * (y > 0 ? problem.rowUpper[i]! : problem.rowLower[i]!);
    for (let k = problem.starts[i]!; k < problem.starts[i + 1]!; k++) reduced[problem.indices[k]!]! -= y * problem.values[k]!;
  }
  reduced.forEach((r, j) => {
    bound += r * (r > 0 ? problem.upper[j]! : problem.lower[j]!);
  });
  return bound;
}
