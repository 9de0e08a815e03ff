import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { openPglite } from "~/db/connection.server";
import { databaseKinds, useTestDatabase } from "~/test/database";
import { createPerson } from "~/test/factories";
import { main } from "../../../cli/rencontres";
import { recordAudit } from "./audit.server";
import { rolesOn } from "./organisers.server";
import { grantRole } from "./team.server";

const now = new Date("2026-05-01T10:00:00Z");

describe.each(databaseKinds)("roles and the audit log on %s", (kind) => {
  const database = useTestDatabase(kind, { demo: true });
  const db = () => database().db;
  const editionOf = async (year: number) => (await db().selectFrom("edition").select("id").where("year", "=", year).executeTakeFirstOrThrow()).id;

  it("grants a role to a new address or a known person, once, and logs the grant with who made it", async () => {
    const [e2025, e2026] = [await editionOf(2025), await editionOf(2026)];
    const first = await grantRole(db(), { commandLine: true }, { email: " Cheffe@Example.org ", role: "owner", editionId: null, language: "en" }, now);
    expect(first.granted).toBe(true);
    const person = await db().selectFrom("person").select(["email", "language"]).where("id", "=", first.personId).executeTakeFirstOrThrow();
    expect(person).toEqual({ email: "cheffe@example.org", language: "en" });
    expect(await grantRole(db(), { commandLine: true }, { email: "cheffe@example.org", role: "owner", editionId: null }, now)).toEqual({ personId: first.personId, granted: false });
    expect(await rolesOn(db(), first.personId, e2025)).toEqual(["owner"]);

    const known = await createPerson(db());
    await grantRole(db(), { commandLine: true }, { email: known.email, role: "partner", editionId: e2026 }, now);
    await grantRole(db(), { commandLine: true }, { email: known.email, role: "checkin", editionId: e2026 }, now);
    expect(await rolesOn(db(), known.id, e2026)).toEqual(["checkin", "partner"]);
    expect(await rolesOn(db(), known.id, e2025)).toEqual([]);

    const log = await db().selectFrom("audit_log").selectAll().where("action", "=", "team.grant").orderBy("id").execute();
    expect(log.map((entry) => [entry.actor_person_id, entry.edition_id, entry.subject_type, (entry.after as { email: string; role: string }).role])).toEqual([
      [null, null, "staff_role", "owner"],
      [null, e2026, "staff_role", "partner"],
      [null, e2026, "staff_role", "checkin"],
    ]);
  });

  it("keeps the audit log append-only: no update, delete or truncate succeeds, whoever asks", async () => {
    await recordAudit(db(), { commandLine: true }, { action: "test.append", subjectType: "test", before: { a: 1 }, after: { a: 2 } }, now);
    const { count } = await db().selectFrom("audit_log").select((eb) => eb.fn.countAll<string>().as("count")).executeTakeFirstOrThrow();
    await expect(sql`update audit_log set action = 'test.rewritten'`.execute(db())).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(db())).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_log`.execute(db())).rejects.toThrow(/append-only/);
    const after = await db().selectFrom("audit_log").select((eb) => eb.fn.countAll<string>().as("count")).executeTakeFirstOrThrow();
    expect(after.count).toBe(count);
    expect(await db().selectFrom("audit_log").select("action").where("action", "=", "test.rewritten").execute()).toEqual([]);
  });
});

describe("rencontres grant-owner", () => {
  async function run(args: string[]) {
    let stdout = "";
    let stderr = "";
    const code = await main(["grant-owner", ...args], { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
    return { code, stdout, stderr };
  }

  it("makes the first owner of a fresh installation, and says so once", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "rencontres-grant-"));
    const previous = process.env.DATA_DIR;
    process.env.DATA_DIR = dataDir;
    const previousUrl = process.env.DATABASE_URL;
    delete process.env.DATABASE_URL;
    try {
      expect(await run(["first@example.org"])).toMatchObject({ code: 0, stdout: expect.stringContaining("first@example.org is now an owner of every edition") });
      expect(await run(["first@example.org"])).toMatchObject({ code: 0, stdout: expect.stringContaining("already an owner") });
      expect(await run(["not an address"])).toMatchObject({ code: 2, stderr: expect.stringContaining("usage: rencontres grant-owner") });
      expect(await run(["a@example.org", "--language", "de"])).toMatchObject({ code: 2 });
      const connection = await openPglite(dataDir);
      try {
        const roles = await connection.db
          .selectFrom("staff_role")
          .innerJoin("person", "person.id", "staff_role.person_id")
          .select(["person.email", "staff_role.role", "staff_role.edition_id"])
          .execute();
        expect(roles).toEqual([{ email: "first@example.org", role: "owner", edition_id: null }]);
      } finally {
        await connection.close();
      }
    } finally {
      if (previous === undefined) delete process.env.DATA_DIR;
      else process.env.DATA_DIR = previous;
      if (previousUrl !== undefined) process.env.DATABASE_URL = previousUrl;
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
