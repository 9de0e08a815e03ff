import { mkdir } from "node:fs/promises";
import { PGlite, types as pgliteTypes } from "@electric-sql/pglite";
import { Kysely, PostgresDialect } from "kysely";
import { PGliteDialect } from "kysely-pglite-dialect";
import pg from "pg";
import type { DB } from "./schema";

type Row = Record<string, unknown>;
/** Runs a multi-statement SQL script and returns the rows of its last statement. */
export type ScriptExecutor = (sql: string) => Promise<Row[]>;
/** Gives `scripts` one transaction, alone against the database. */
export type ScriptRunner = (scripts: (exec: ScriptExecutor) => Promise<void>) => Promise<void>;

export interface Connection {
  kind: "pglite" | "postgres";
  db: Kysely<DB>;
  runExclusively: ScriptRunner;
  /**
   * Keeps the planner's statistics and the tables' free space up to date. PostgreSQL's autovacuum
   * does it on a server; PGlite has none, so its planner would otherwise plan every query for
   * the tables as the migrations left them (empty), and never reclaim a deleted row.
   */
  maintain(): Promise<void>;
  close(): Promise<void>;
}

// Dates (a day of the programme) stay ISO strings: a Date would carry a time zone it does not have.
const DATE_OID = 1082;
pg.types.setTypeParser(DATE_OID, (value) => value);
// And so do arrays of them (the days a person attends), read as text arrays are, as PGlite does.
// (pg-types names no array types: their ids are given as numbers.)
type TypeId = Parameters<typeof pg.types.setTypeParser>[0];
const DATE_ARRAY_OID = 1182 as TypeId;
const TEXT_ARRAY_OID = 1009 as TypeId;
pg.types.setTypeParser(DATE_ARRAY_OID, pg.types.getTypeParser(TEXT_ARRAY_OID));

/**
 * PGlite runs every query on this thread, and Kysely hands its one connection from query to
 * query in promise callbacks: under load that chain never gives the event loop a turn, so new
 * requests are not read and some wait seconds. Each query first waits for the next turn.
 */
function takingTurns(client: PGlite): PGlite {
  return new Proxy(client, {
    get(target, property) {
      if (property === "query") {
        return async (...args: Parameters<PGlite["query"]>) => {
          await new Promise((resolve) => setImmediate(resolve));
          return target.query(...args);
        };
      }
      const value: unknown = Reflect.get(target, property);
      // PGlite's methods use private fields: they must run on the client itself, not the proxy.
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** Embedded PostgreSQL in `dataDir`, or in memory when `dataDir` is undefined. */
export async function openPglite(dataDir: string | undefined): Promise<Connection> {
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const client = await PGlite.create({ dataDir, parsers: { [pgliteTypes.DATE]: (value: string) => value } });
  const db = new Kysely<DB>({ dialect: new PGliteDialect(takingTurns(client)) });
  return {
    kind: "pglite",
    db,
    // Going through Kysely's connection queue keeps the script apart from concurrent queries.
    runExclusively: (scripts) =>
      db.connection().execute(async () => {
        await client.transaction(async (tx) => scripts(async (sql) => (await tx.exec(sql)).at(-1)?.rows ?? []));
      }),
    maintain: async () => {
      await db.connection().execute(async () => {
        await client.exec("vacuum analyze");
      });
    },
    close: () => db.destroy(),
  };
}

export async function openPostgres(databaseUrl: string, poolSize = 10): Promise<Connection> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize });
  // An idle connection the server closes (restart, failover) must not bring the process down:
  // the pool replaces it on next use.
  pool.on("error", (error) => console.warn(`PostgreSQL connection lost: ${error.message}`));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    kind: "postgres",
    db,
    runExclusively: async (scripts) => {
      const client = await pool.connect();
      try {
        // Several application processes may start at once: one migrates, the others wait.
        await client.query("select pg_advisory_lock(hashtext('rencontres:migrations'))");
        await client.query("begin");
        try {
          await scripts(async (sql) => {
            const results: pg.QueryResult | pg.QueryResult[] = await client.query(sql);
            return (Array.isArray(results) ? results.at(-1)?.rows : results.rows) ?? [];
          });
          await client.query("commit");
        } catch (error) {
          await client.query("rollback");
          throw error;
        } finally {
          await client.query("select pg_advisory_unlock(hashtext('rencontres:migrations'))");
        }
      } finally {
        client.release();
      }
    },
    // Autovacuum's work.
    maintain: async () => undefined,
    close: () => db.destroy(),
  };
}
