/**
 * Runs `task` now, then `intervalMs` after each run ends (runs never overlap); a failure is
 * logged under `name` and the next run comes all the same. Returns the function that stops it,
 * waiting for a run under way.
 */
export function runPeriodically(name: string, intervalMs: number, task: () => Promise<void>): () => Promise<void> {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = task()
      .catch((error: unknown) => console.error(`${name}:`, error))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  tick();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}
