import { readFileSync } from "node:fs";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { databaseKinds, useTestDatabase } from "~/test/database";
import { declaredTables, migratedTables, schemaDifferences, schemaPath } from "~/test/schema-check";

// Compiling schema.ts takes a few seconds: once for the whole file.
const declared = declaredTables();

describe.each(databaseKinds)("the DB types and the migrated database on %s", (kind) => {
  const database = useTestDatabase(kind);

  it("have the same tables and columns, each read as the same kind of value and null in the same cases", async () => {
    expect(schemaDifferences(declared, await migratedTables(database().db))).toEqual([]);
  });

  it("would report a column missing, one too many, a wrong nullability and a wrong type", async () => {
    const source = readFileSync(schemaPath, "utf8")
      .replace("  anonymised_at: Date | null;\n", "  anonymised_at: Date;\n")
      .replace("  hashtag: string | null;\n", "")
      .replace("  seed: string;\n", "  seed: number;\n  seed_hint: string;\n")
      .replace("  site_state: SiteStateTable;\n", "");
    const migrated = await migratedTables(database().db);
    expect(schemaDifferences(declaredTables(source), migrated).sort()).toEqual(
      [
        "person.anonymised_at: DB says Date, the database reads Date | null",
        "edition.hashtag: in the migrated database (string | null), not in DB",
        "wish_round.seed: DB says number, the database reads string",
        "wish_round.seed_hint: in DB, not in the migrated database",
        "table site_state: in the migrated database, not in DB (app/db/schema.ts)",
      ].sort(),
    );
    expect(schemaDifferences({ ...declared, badge: {} }, migrated)).toEqual(["table badge: in DB (app/db/schema.ts), not in the migrated database"]);
  });

  it("reads the kinds of value of other column types and of views, which later migrations may use", async () => {
    const db = database().db;
    await sql`create table schema_probe (at time not null, data bytea, period interval, tags text[] not null)`.execute(db);
    await sql`create view schema_probe_view as select id, email from person`.execute(db);
    try {
      const migrated = await migratedTables(db);
      expect(migrated.schema_probe).toEqual({
        at: { family: "string", nullable: false },
        data: { family: "Buffer", nullable: true },
        period: { family: "json", nullable: true },
        tags: { family: "string[]", nullable: false },
      });
      // A view's column is compared by kind of value only: the catalogue calls every one nullable.
      const withView = { ...declared, schema_probe_view: { id: { family: "number", nullable: false }, email: { family: "string", nullable: false } } };
      const { schema_probe: _probe, ...rest } = migrated;
      expect(schemaDifferences(withView, rest)).toEqual([]);
      const wrongView = { ...withView, schema_probe_view: { ...withView.schema_probe_view, email: { family: "number", nullable: false } } };
      expect(schemaDifferences(wrongView, rest)).toEqual(["schema_probe_view.email: DB says number, the database reads string | null"]);
    } finally {
      await sql`drop view schema_probe_view`.execute(db);
      await sql`drop table schema_probe`.execute(db);
    }
  });
});
