import fc from "fast-check";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { databaseKinds, useTestDatabase } from "~/test/database";
import { fold, foldingPairs } from "./folding";

describe("fold", () => {
  it("lowers case and drops accents, so that a search typed without them finds the name", () => {
    expect(fold("São Paulo")).toBe("sao paulo");
    expect(fold("Étienne LEFÈVRE")).toBe("etienne lefevre");
    expect(fold("Łódź, Nguyễn Thị Ánh, Øresund")).toBe("lodz, nguyen thi anh, oresund");
  });

  it("leaves other scripts as they are", () => {
    expect(fold("Москва 北京 القاهرة")).toBe("Москва 北京 القاهرة");
  });
});

describe.each(databaseKinds)("search_fold on %s", (kind) => {
  const connection = useTestDatabase(kind);

  it("folds every letter of the table exactly as the application does", async () => {
    const letters = foldingPairs().map(([letter]) => letter).join("");
    const { rows } = await sql<{ folded: string }>`select search_fold(${letters}) as folded`.execute(connection().db);
    expect(rows[0]!.folded).toBe(fold(letters));
  });

  it("agrees with the application on any text", async () => {
    const letters = foldingPairs().map(([letter]) => letter);
    const text = fc.array(fc.oneof(fc.constantFrom(...letters), fc.string({ maxLength: 3 }), fc.constantFrom("Ж", "中", "ß", "œ")), { maxLength: 30 }).map((parts) => parts.join(""));
    await fc.assert(
      fc.asyncProperty(text, async (value) => {
        const { rows } = await sql<{ folded: string }>`select search_fold(${value}) as folded`.execute(connection().db);
        expect(rows[0]!.folded).toBe(fold(value));
      }),
      { numRuns: 60 },
    );
  });
});
