/**
 * npm run bench:meetings — runs the meeting scheduler on seeded realistic instances and says how
 * far from the best possible it is: the LP-relaxation bound of every instance (HiGHS, interior
 * point), the exact optimum of the small ones (HiGHS MIP), and, for fairness, the fewest people
 * any schedule of the same value leaves without a meeting.
 *
 * BENCH_MEETINGS_ONLY=n100,n128-loose runs only the cases whose name is or starts with one of the
 * words followed by "-";
 * BENCH_MEETINGS_EXACT=off runs the engine without its exact stage (the local search alone).
 */
import os from "node:os";
import { EXACT_STAGE_MEETINGS, scheduleMeetings } from "../app/features/meetings/scheduler/engine";
import { formulate, solve, type SolveResult } from "../app/features/meetings/scheduler/exact";
import type { Schedule } from "../app/features/meetings/scheduler/format";
import { scheduleMetrics } from "../app/features/meetings/scheduler/metrics";
import type { Model } from "../app/features/meetings/scheduler/model";
import { buildModel, validateSchedule } from "../app/features/meetings/scheduler/validate";
import { generateInstance, type GeneratorOptions } from "./meetings/generate";
import { lateChange, type LateChange } from "./meetings/late-changes";
import { formatTable, percent } from "./meetings/table";

interface BenchCase {
  options: GeneratorOptions;
  /** Pins the schedule of `options` as announced, then applies these late changes. */
  late?: { peopleLosingASlot: number; newRequestShare: number; pinnedShare?: number };
}

/** Small events: half of the announced schedule pinned, so that much is left to re-plan around the pins. */
const SMALL_LATE = { peopleLosingASlot: 20, newRequestShare: 0.1, pinnedShare: 0.5 };
/** In increasing size: the memory peak read after each case is the process's peak so far. */
const CASES: BenchCase[] = [
  { options: { participants: 100, tables: "tight", seed: 1 } },
  { options: { participants: 100, tables: "tight", seed: 1 }, late: SMALL_LATE },
  { options: { participants: 100, tables: "loose", seed: 2 } },
  { options: { participants: 100, tables: "loose", seed: 2 }, late: SMALL_LATE },
  { options: { participants: 128, tables: "tight", seed: 3 } },
  { options: { participants: 128, tables: "tight", seed: 3 }, late: SMALL_LATE },
  { options: { participants: 128, tables: "loose", seed: 4 } },
  { options: { participants: 128, tables: "loose", seed: 4 }, late: SMALL_LATE },
  { options: { participants: 150, tables: "tight", seed: 12, meetingsPerParticipant: 4 } },
  { options: { participants: 150, tables: "tight", seed: 12, meetingsPerParticipant: 4 }, late: SMALL_LATE },
  { options: { participants: 150, tables: "loose", seed: 13, meetingsPerParticipant: 4 } },
  { options: { participants: 150, tables: "loose", seed: 13, meetingsPerParticipant: 4 }, late: SMALL_LATE },
  { options: { participants: 300, tables: "tight", seed: 5 } },
  { options: { participants: 300, tables: "loose", seed: 6 } },
  { options: { participants: 1000, tables: "tight", seed: 7 } },
  { options: { participants: 1000, tables: "tight", seed: 7 }, late: { peopleLosingASlot: 100, newRequestShare: 0.05 } },
  { options: { participants: 1000, tables: "loose", seed: 8 } },
  { options: { participants: 3000, tables: "tight", seed: 9 } },
  { options: { participants: 3000, tables: "loose", seed: 10 } },
  { options: { participants: 10_000, tables: "loose", seed: 11, meetingsPerParticipant: 5 } },
];
const MIP_SECONDS = 600;
const LP_SECONDS = 900;

const log = (text: string) => process.stderr.write(`${text}\n`);
const baseName = (options: GeneratorOptions) => `n${options.participants}-${options.tables}-s${options.seed}`;
const name = (benchCase: BenchCase) => `${baseName(benchCase.options)}${benchCase.late ? "-pinned" : ""}`;
const only = process.env.BENCH_MEETINGS_ONLY?.split(",").filter((word) => word !== "");
const exactStage = process.env.BENCH_MEETINGS_EXACT !== "off";

interface Run {
  model: Model;
  schedule: Schedule;
  seconds: number;
  /** Process peak resident memory once this case is scheduled, before any HiGHS run. */
  peakMegabytes: number;
  exactStage: string;
  change?: LateChange;
}

async function schedule(model: Model): Promise<Omit<Run, "change">> {
  const began = performance.now();
  const result = await scheduleMeetings(model, { seed: 1, exact: exactStage });
  const { schedule } = result;
  const seconds = (performance.now() - began) / 1000;
  const broken = validateSchedule(model, schedule);
  if (broken.length > 0) throw new Error(`invalid schedule: ${broken[0]!.message}`);
  return { model, schedule, seconds, peakMegabytes: process.resourceUsage().maxRSS / 1024, exactStage: result.exactStage };
}

/** Parse + schedule, as the command does; a late change first needs the announced schedule of its base. */
async function runCase(benchCase: BenchCase, announced: Map<string, Schedule>): Promise<Run> {
  const base = baseName(benchCase.options);
  if (!benchCase.late) {
    const began = performance.now();
    const run = await schedule(buildModel(generateInstance(benchCase.options)));
    announced.set(base, run.schedule);
    return { ...run, seconds: (performance.now() - began) / 1000 };
  }
  const before = announced.get(base) ?? (await schedule(buildModel(generateInstance(benchCase.options)))).schedule;
  const change = lateChange(benchCase.options, before, benchCase.late);
  const began = performance.now();
  const run = await schedule(buildModel(change.instance));
  return { ...run, seconds: (performance.now() - began) / 1000, change };
}

/**
 * The value bound, the fewest people left out at the engine's value, and, on the events small
 * enough for the engine's exact stage (by the same count: meetings HiGHS may place), the optimum.
 */
async function measure({ model, schedule }: Run) {
  const metrics = scheduleMetrics(model, schedule);
  const formulation = formulate(model);
  const exact = new Set(formulation.columnMeeting).size <= EXACT_STAGE_MEETINGS;
  const lp = await solve(model, formulation, { integer: false, timeLimitSeconds: LP_SECONDS });
  const optimum = exact ? await solve(model, formulation, { integer: true, timeLimitSeconds: MIP_SECONDS }) : undefined;
  // Fairness: the most people any schedule of at least the engine's value gives a meeting.
  const coverage = await solve(model, formulation, {
    integer: exact,
    timeLimitSeconds: exact ? MIP_SECONDS : LP_SECONDS,
    coverage: { minValue: metrics.value },
  });
  const fewest = Math.max(0, Math.ceil(metrics.peopleWithPlaceableMeeting - coverage.bound - 1e-6));
  // "=" only when a MIP proved it; an LP relaxation or a MIP stopped by its time limit gives a bound.
  const fewestLeftOut = `${exact && coverage.optimal ? "=" : ">="} ${fewest}`;
  return { metrics, lp, optimum, exact, fewestLeftOut };
}

/** For small instances: could some left-out person get a meeting, at the same value, without anyone losing theirs? */
async function rescuable(run: Run, leftOut: number): Promise<string> {
  if (leftOut === 0) return "-";
  const { model, schedule } = run;
  const covered = new Uint8Array(model.instance.participants.length);
  for (const assignment of schedule.assignments) {
    for (const p of model.meetingPeople[model.meetingIndex.get(assignment.meeting)!]!) covered[p] = 1;
  }
  const result = await solve(model, formulate(model), {
    integer: true,
    timeLimitSeconds: MIP_SECONDS,
    coverage: {
      minValue: scheduleMetrics(model, schedule).value,
      keepCovered: covered,
      countOnly: covered.map((c) => 1 - c),
    },
  });
  return result.optimal ? String(Math.round(result.objective)) : `<= ${Math.floor(result.bound + 1e-6)}`;
}

const fixed = (value: number, digits = 0) => value.toFixed(digits);
const formatOptimum = (optimum: SolveResult | undefined) =>
  optimum ? (optimum.optimal ? fixed(optimum.objective) : `<= ${fixed(optimum.bound, 1)}`) : "-";

async function main() {
  log(`meeting scheduler benchmark — Node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}), engine single-threaded, seed 1${exactStage ? "" : ", no exact stage"}`);
  const cases = CASES.filter((benchCase) => !only || only.some((word) => name(benchCase) === word || name(benchCase).startsWith(`${word}-`)));
  // Every case is scheduled before HiGHS runs, so that the memory peaks are the engine's.
  const announced = new Map<string, Schedule>();
  const runs: Run[] = [];
  for (const benchCase of cases) {
    const run = await runCase(benchCase, announced);
    runs.push(run);
    log(`${name(benchCase)}: scheduled in ${fixed(run.seconds, 2)} s, peak ${fixed(run.peakMegabytes)} MB`);
  }

  const rows: string[][] = [];
  const lateRows: string[][] = [];
  for (const [index, benchCase] of cases.entries()) {
    const run = runs[index]!;
    const { instance } = run.model;
    const bounding = performance.now();
    const { metrics, lp, optimum, exact, fewestLeftOut } = await measure(run);
    log(`${name(benchCase)}: value ${metrics.value}, LP bound ${fixed(lp.bound, 2)}, optimum ${optimum?.objective ?? "-"}; HiGHS ${fixed((performance.now() - bounding) / 1000, 1)} s`);
    rows.push([
      name(benchCase),
      String(instance.participants.length),
      String(instance.meetings.length),
      String(instance.meetings.filter((meeting) => meeting.participants.length > 2).length),
      String(run.model.fixedSlot.filter((s) => s >= 0).length),
      String(metrics.placed),
      fixed(metrics.value),
      fixed(lp.bound, 1),
      percent(metrics.value / lp.bound),
      formatOptimum(optimum),
      run.exactStage,
      fixed(run.seconds, 2),
      fixed(run.peakMegabytes),
      `${metrics.peopleLeftOut}/${metrics.peopleWithPlaceableMeeting}`,
      fewestLeftOut,
      exact ? await rescuable(run, metrics.peopleLeftOut) : "-",
      String(metrics.longestRun),
    ]);
    if (run.change) {
      const placed = new Set(run.schedule.assignments.map((assignment) => assignment.meeting));
      const placedOf = (ids: string[]) => String(ids.filter((id) => placed.has(id)).length);
      lateRows.push([
        name(benchCase),
        String(benchCase.late!.peopleLosingASlot),
        percent(benchCase.late!.pinnedShare ?? 1),
        String(run.change.pinned),
        "0", // validateSchedule (fixed-not-kept) has checked every pinned meeting
        String(run.change.displaced.length),
        placedOf(run.change.displaced),
        String(run.change.newRequests.length),
        placedOf(run.change.newRequests),
      ]);
    }
  }
  console.log(
    formatTable(
      ["instance", "people", "meetings", "groups", "pinned", "placed", "value", "LP bound", "value/bound", "optimum", "exact stage", "time s", "peak MB", "left out", "fewest possible", "rescuable", "longest run"],
      rows,
    ),
  );
  console.log(
    "\ngroups: meetings of three people or more. pinned: meetings whose slot and table are fixed." +
      "\noptimum: HiGHS MIP, proven (a number) or stopped by its time limit (<= its bound)." +
      "\nexact stage: the engine's own, optimal (value then people with a meeting proven), stopped (time limit) or skipped (large event: neighbourhoods repaired instead)." +
      "\npeak MB: the process's peak resident memory once the case is scheduled (generation, parse, schedule; before any HiGHS run)." +
      "\nleft out: people with a placeable meeting who get none / people with a placeable meeting." +
      "\nfewest possible: at the engine's value, by MIP (=) or LP relaxation (>=)." +
      "\nrescuable: left-out people who could get a meeting at the same value without anyone else losing theirs (MIP)." +
      "\ntime: parse + schedule, single thread; this 2-core machine is shared, so timings are noisy.",
  );
  if (lateRows.length > 0) {
    console.log(
      "\nlate changes: the schedule of the case without pins announced (a share of its placed meetings pinned), then draws of a person losing a slot, and new requests (10 % on the small cases, 5 % on n1000)\n" +
        formatTable(["instance", "draws", "share pinned", "pinned", "pinned moved", "displaced", "re-placed", "new requests", "new placed"], lateRows),
    );
  }
}

await main();
