import type { Connection } from "./connection.server";

// The SQL files are bundled as text: migrations never import application code.
const migrationFiles = import.meta.glob("../../migrations/*.sql", {
  query: "?raw",
  import: "default",
  eager: true,
}) as Record<string, string>;

export const migrations: { name: string; sql: string }[] = Object.entries(migrationFiles)
  .map(([path, sql]) => ({ name: path.slice(path.lastIndexOf("/") + 1), sql }))
  .sort((a, b) => a.name.localeCompare(b.name));

/** Applies the migrations not yet applied, in order, and returns their names. */
export async function migrate(connection: Connection): Promise<string[]> {
  const applied: string[] = [];
  await connection.runExclusively(async (exec) => {
    await exec("create table if not exists schema_migration (name text primary key, applied_at timestamptz not null default now())");
    const done = new Set((await exec("select name from schema_migration")).map((row) => String(row.name)));
    for (const migration of migrations) {
      if (done.has(migration.name)) continue;
      await exec(migration.sql);
      await exec(`insert into schema_migration (name) values ('${migration.name.replaceAll("'", "''")}')`);
      applied.push(migration.name);
    }
  });
  return applied;
}
