import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { openPglite, openPostgres, type Connection } from "~/db/connection.server";
import { migrate } from "~/db/migrate.server";
import { loadDemoData } from "~/features/editions/demo-data.server";

/** The databases every integration test runs against: PGlite always, PostgreSQL when configured. */
export const databaseKinds: Connection["kind"][] = process.env.TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];

/** A fresh, migrated database of `kind`; on PostgreSQL a throwaway database dropped by `close`. */
/** A test database; on PostgreSQL, `url` lets other processes share it. */
export type TestDatabase = Connection & { url?: string };

export async function createTestDatabase(kind: Connection["kind"]): Promise<TestDatabase> {
  if (kind === "pglite") {
    const connection = await openPglite(undefined);
    await migrate(connection);
    return connection;
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error("TEST_DATABASE_URL is not set");
  const name = `rencontres_test_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const connection = await openPostgres(url.toString());
  await migrate(connection);
  return {
    ...connection,
    url: url.toString(),
    close: async () => {
      await connection.close();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

/** Registers a database of `kind` for the enclosing describe block, with the demo editions when asked. */
export function useTestDatabase(kind: Connection["kind"], options: { demo?: boolean } = {}): () => Connection {
  let connection: Connection | undefined;
  beforeAll(async () => {
    connection = await createTestDatabase(kind);
    if (options.demo) await loadDemoData(connection.db);
  });
  afterAll(async () => {
    await connection?.close();
  });
  return () => {
    if (!connection) throw new Error("test database not ready");
    return connection;
  };
}
