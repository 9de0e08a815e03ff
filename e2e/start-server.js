// Starts the built application on a fresh embedded database in a temporary folder. E2E_OWNERS
// (addresses separated by commas) are made owners of every edition first, as an installation's
// first owner is, with `rencontres grant-owner`.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const dataDir = mkdtempSync(join(tmpdir(), "rencontres-e2e-"));
const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", DEMO_DATA: "true", TZ: process.env.TZ ?? "UTC" };
const owners = (process.env.E2E_OWNERS ?? "").split(",").filter(Boolean);
if (owners.length > 0) {
  const granted = spawnSync(process.execPath, ["bin/rencontres.js", "grant-owner", ...owners], { stdio: "inherit", env });
  if (granted.status !== 0) process.exit(granted.status ?? 1);
}
const child = spawn(process.execPath, ["server.js"], { stdio: "inherit", env });
const stop = () => child.kill("SIGTERM");
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
child.on("exit", (code) => {
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(code ?? 0);
});
