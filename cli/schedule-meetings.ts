/**
 * rencontres schedule-meetings INSTANCE.json [--time-limit SECONDS] [--seed N]
 * rencontres schedule-meetings INSTANCE.json --check SCHEDULE.json
 *
 * Both files follow docs/meeting-scheduler-format.md.
 *
 * Exit codes: 0 done (or schedule valid), 1 schedule breaks rules (--check), 2 bad arguments or
 * bad instance/schedule file (nothing is written to standard output then).
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { DEFAULT_TIME_LIMIT_MS, scheduleMeetings } from "../app/features/meetings/scheduler/engine";
import { FormatError, parseJson, scheduleSchema } from "../app/features/meetings/scheduler/format";
import { scheduleMetrics } from "../app/features/meetings/scheduler/metrics";
import type { Model } from "../app/features/meetings/scheduler/model";
import { loadInstance, validateSchedule } from "../app/features/meetings/scheduler/validate";
import { USAGE_ERROR, type CommandIo } from "./rencontres";

const USAGE =
  "usage: rencontres schedule-meetings INSTANCE.json [--time-limit SECONDS] [--seed N]\n" +
  "       rencontres schedule-meetings INSTANCE.json --check SCHEDULE.json\n" +
  "(both files: docs/meeting-scheduler-format.md)\n";

class UsageError extends Error {}

export async function scheduleMeetingsCommand(args: string[], io: CommandIo): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { "time-limit": { type: "string" }, seed: { type: "string" }, check: { type: "string" } },
    });
    if (positionals.length !== 1) throw new UsageError("expected exactly one INSTANCE.json");
    const model = loadInstance(readText(positionals[0]!));
    if (values.check !== undefined) return check(model, readText(values.check), io);
    const timeLimitSeconds = values["time-limit"] === undefined ? DEFAULT_TIME_LIMIT_MS / 1000 : parseNumber("--time-limit", values["time-limit"], 0);
    const seed = values.seed === undefined ? 1 : parseNumber("--seed", values.seed, 0);
    if (!Number.isInteger(seed)) throw new UsageError("--seed must be a whole number");
    return await schedule(model, { timeLimitMs: timeLimitSeconds * 1000, seed }, io);
  } catch (error) {
    if (error instanceof FormatError) {
      io.stderr(`rencontres schedule-meetings: ${error.message}\n`);
      return USAGE_ERROR;
    }
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      io.stderr(`rencontres schedule-meetings: ${(error as Error).message}\n${USAGE}`);
      return USAGE_ERROR;
    }
    throw error;
  }
}

async function schedule(model: Model, options: { timeLimitMs: number; seed: number }, io: CommandIo): Promise<number> {
  const began = performance.now();
  const result = await scheduleMeetings(model, options);
  const seconds = (performance.now() - began) / 1000;
  // The engine is checked on every run: a broken schedule must never reach an organiser.
  const broken = validateSchedule(model, result.schedule);
  if (broken.length > 0) throw new Error(`internal error, invalid schedule: ${broken[0]!.message}`);
  const metrics = scheduleMetrics(model, result.schedule);
  const { instance } = model;
  const totalWeight = instance.meetings.reduce((sum, meeting) => sum + meeting.weight, 0);
  io.stdout(`${JSON.stringify(result.schedule, null, 2)}\n`);
  io.stderr(
    `placed ${metrics.placed}/${instance.meetings.length} meetings, value ${formatNumber(metrics.value)}/${formatNumber(totalWeight)}, ` +
      `${metrics.peopleLeftOut} of ${metrics.peopleWithPlaceableMeeting} people left without a meeting, ` +
      `longest run ${metrics.longestRun}, ${seconds.toFixed(2)} s (seed ${options.seed}` +
      `${result.exactStage === "optimal" ? ", proven optimal" : ""}${result.stoppedByTimeLimit || result.exactStage === "stopped" ? ", stopped by the time limit" : ""})\n`,
  );
  return 0;
}

function check(model: Model, scheduleText: string, io: CommandIo): number {
  const schedule = parseJson("schedule", scheduleSchema, scheduleText);
  const violations = validateSchedule(model, schedule);
  for (const violation of violations) io.stdout(`${violation.rule}: ${violation.message}\n`);
  if (violations.length > 0) {
    io.stderr(`invalid schedule: ${violations.length} broken rule${violations.length === 1 ? "" : "s"}\n`);
    return 1;
  }
  const metrics = scheduleMetrics(model, schedule);
  io.stderr(`valid schedule: placed ${metrics.placed} meetings, value ${formatNumber(metrics.value)}, longest run ${metrics.longestRun}\n`);
  return 0;
}

function readText(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${(error as Error).message}`);
  }
}

function parseNumber(option: string, text: string, minimum: number): number {
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value) || value < minimum) throw new UsageError(`${option} must be a number >= ${minimum}`);
  return value;
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}
