import { readFileSync } from "node:fs";
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
});
