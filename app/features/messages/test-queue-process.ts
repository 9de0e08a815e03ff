// Queues messages alone in its process, for tests that kill it (`node --import tsx` this file).
// Reads DATABASE_URL and BATCH_SIZE from the environment; prints "queued <n>" after each batch.
import { setTimeout as sleep } from "node:timers/promises";
import { openPostgres } from "../../db/connection.server";
import { queueMessageBatches } from "./messages.server";

const { DATABASE_URL } = process.env;
if (!DATABASE_URL) throw new Error("DATABASE_URL is required");
const batchSize = Number(process.env.BATCH_SIZE ?? 200);

const connection = await openPostgres(DATABASE_URL, 2);
console.log("started");
for (;;) {
  const queued = await queueMessageBatches(connection.db, new Date(), "https://rencontres.example.org", { batchSize, limit: batchSize });
  if (queued > 0) console.log(`queued ${queued}`);
  else await sleep(50);
}
