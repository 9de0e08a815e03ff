// A mail worker alone in its process, for tests that kill it (`node --import tsx` this file).
// Reads DATABASE_URL and SMTP_URL, and optionally LEASE_MS, HEARTBEAT_MS, CLAIM_SIZE,
// MAIL_CONNECTIONS and INTERVAL_MS, from the environment; prints "started" once the worker runs.
import { openPostgres } from "../../db/connection.server";
import { startMailWorker } from "./worker.server";

const { DATABASE_URL, SMTP_URL } = process.env;
if (!DATABASE_URL || !SMTP_URL) throw new Error("DATABASE_URL and SMTP_URL are required");
const number = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);

const connection = await openPostgres(DATABASE_URL, 2);
const stop = startMailWorker({
  db: connection.db,
  env: { SMTP_URL, MAIL_FROM: "Rencontres AICT <no-reply@rencontres.test>", MAIL_CONNECTIONS: number("MAIL_CONNECTIONS") },
  intervalMs: number("INTERVAL_MS") ?? 5000,
  leaseMs: number("LEASE_MS"),
  heartbeatMs: number("HEARTBEAT_MS"),
  claimSize: number("CLAIM_SIZE"),
});
console.log("started");
process.on("SIGTERM", () => {
  void (async () => {
    await stop?.();
    await connection.close();
    process.exit(0);
  })();
});
