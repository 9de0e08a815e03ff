import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { baseInstance } from "../app/features/meetings/scheduler/test-support";
import { main } from "./rencontres";

const directory = mkdtempSync(join(tmpdir(), "rencontres-cli-"));
function file(name: string, content: unknown): string {
  const path = join(directory, name);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
}

async function run(...args: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await main(args, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { code, stdout, stderr };
}

describe("rencontres schedule-meetings", () => {
  const instance = file("instance.json", baseInstance());

  it("prints the schedule on standard output and a summary on standard error", async () => {
    const result = await run("schedule-meetings", instance, "--seed", "3", "--time-limit", "5");
    expect(result.code).toBe(0);
    const schedule = JSON.parse(result.stdout);
    expect(schedule.assignments).toContainEqual({ meeting: "m2", slot: "s2", table: "T4" });
    expect(result.stderr).toMatch(/^placed \d+\/4 meetings, value \d+\/5, 0 of 4 people left without a meeting, longest run \d, [\d.]+ s \(seed 3, proven optimal\)\n$/);
    expect((await run("schedule-meetings", instance, "--seed", "3")).stdout).toBe(result.stdout);
  });

  it("checks a schedule, listing every broken rule", async () => {
    const valid = (await run("schedule-meetings", instance)).stdout;
    expect(await run("schedule-meetings", instance, "--check", file("valid.json", valid))).toMatchObject({ code: 0, stdout: "" });
    const broken = file("broken.json", {
      assignments: [
        { meeting: "m1", slot: "s4", table: "T2" },
        { meeting: "m4", slot: "s4", table: "T2" },
      ],
    });
    const result = await run("schedule-meetings", instance, "--check", broken);
    expect(result.code).toBe(1);
    expect(result.stdout.trim().split("\n").map((line) => line.split(":")[0]).sort()).toEqual([
      "fixed-not-kept",
      "person-double-booked",
      "person-unavailable",
      "table-double-booked",
    ]);
    expect(result.stderr).toBe("invalid schedule: 4 broken rules\n");
  });

  it("rejects a bad instance with exit code 2, naming the bad id, and writes nothing", async () => {
    const bad = baseInstance();
    bad.meetings[0]!.participants = ["p1", "p9"];
    const result = await run("schedule-meetings", file("bad.json", bad));
    expect(result).toMatchObject({ code: 2, stdout: "" });
    expect(result.stderr).toContain('meeting "m1": participant "p9" does not exist');
  });

  it.each([
    [["schedule-meetings"], /expected exactly one INSTANCE.json/],
    [["schedule-meetings", "missing.json"], /cannot read missing.json/],
    [["schedule-meetings", "x.json", "--seed", "1.5"], /--seed must be a whole number/],
    [["schedule-meetings", "x.json", "--time-limit", "soon"], /--time-limit must be a number/],
    [["schedule-meetings", "x.json", "--verbose"], /Unknown option '--verbose'/],
    [["plan-cafes"], /unknown command "plan-cafes"/],
  ])("rejects %j with exit code 2", async (args, message) => {
    const result = await run(...args.map((arg) => (arg === "x.json" ? instance : arg)));
    expect(result).toMatchObject({ code: 2, stdout: "" });
    expect(result.stderr).toMatch(message);
  });

  it("runs through the bin shim, as `npx rencontres` does", async () => {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ["bin/rencontres.js", "schedule-meetings", instance]);
    expect(JSON.parse(stdout).assignments.length).toBeGreaterThan(0);
    expect(stderr).toMatch(/^placed /);
  });
});
