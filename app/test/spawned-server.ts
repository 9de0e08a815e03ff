import type { ChildProcess } from "node:child_process";

/** Waits until `isUp` says the spawned application answers, for a minute at most. */
export async function waitUntilUp(isUp: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (await isUp().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error("the application did not start");
}

/** Stops a spawned application, waiting for it to exit. */
export async function stopServer(app: ChildProcess | undefined): Promise<void> {
  if (!app || app.exitCode !== null) return;
  const exited = new Promise((resolve) => app.once("exit", resolve));
  app.kill("SIGTERM");
  await exited;
}
