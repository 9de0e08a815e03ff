import { loadDemoCafes } from "~/features/cafes/demo-cafes.server";
import { loadDemoData } from "~/features/editions/demo-data.server";
import { loadDemoMeetings } from "~/features/meetings/demo-meetings.server";
import { loadDemoReminders } from "~/features/messages/demo-reminders.server";
import { loadDemoParticipants } from "~/features/registration/demo-participants.server";
import type { Environment } from "~/lib/env.server";
import { openPglite, openPostgres, type Connection } from "./connection.server";
import { migrate } from "./migrate.server";

/** Opens the configured database and brings its schema (and, when asked, the demo) up to date. */
export async function prepareDatabase(env: Pick<Environment, "DATABASE_URL" | "DATABASE_POOL_SIZE" | "DATA_DIR" | "DEMO_DATA">): Promise<Connection> {
  const connection = env.DATABASE_URL ? await openPostgres(env.DATABASE_URL, env.DATABASE_POOL_SIZE) : await openPglite(env.DATA_DIR);
  await migrate(connection);
  // Participants only with editions just created: an installation's own are never touched.
  if (env.DEMO_DATA && (await loadDemoData(connection.db))) {
    await loadDemoParticipants(connection.db);
    await loadDemoReminders(connection.db);
    await loadDemoMeetings(connection.db);
    await loadDemoCafes(connection.db);
  }
  return connection;
}
