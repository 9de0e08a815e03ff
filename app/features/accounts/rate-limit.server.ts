import type { Kysely } from "kysely";
import type { DB } from "~/db/schema";

export interface RateLimit {
  /** What is counted, e.g. `sign-in-ip:192.0.2.1`. */
  key: string;
  /** How many attempts a window allows. */
  limit: number;
  windowMs: number;
}

/**
 * Counts one attempt in the current fixed window and tells whether it is within the limit. The
 * counter lives in the database, so every application process shares it; the periodic purge
 * (`maintenance/purge.server.ts`) deletes windows a day after they started.
 */
export async function countAttempt(db: Kysely<DB>, rule: RateLimit, now: Date): Promise<boolean> {
  const windowStart = new Date(Math.floor(now.getTime() / rule.windowMs) * rule.windowMs);
  const row = await db
    .insertInto("rate_limit")
    .values({ key: rule.key, window_start: windowStart, count: 1 })
    .onConflict((conflict) => conflict.columns(["key", "window_start"]).doUpdateSet((eb) => ({ count: eb("rate_limit.count", "+", 1) })))
    .returning("count")
    .executeTakeFirstOrThrow();
  return row.count <= rule.limit;
}

