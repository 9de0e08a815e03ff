// Times the XLSX export of an edition of 5,000 registrations through the domain functions (the
// query, then the workbook), every column and an answer to each question, against the 2 s target;
// the CSV export of the same rows is timed alongside. Migrates and loads the demo editions by
// starting the built application once, then works on PGlite, or on BENCH_DATABASE_URL (an empty
// PostgreSQL database).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openPglite, openPostgres } from "~/db/connection.server";
import { organisationTypes, participantCategories } from "~/db/schema";
import { fixedColumns, parseExportRequest } from "~/features/exports/exports";
import { registrationsExport } from "~/features/exports/exports.server";
import { toCsv, toXlsx } from "~/features/exports/writers.server";
import { requireBackOffice } from "~/features/organisers/organisers.server";
import { seedSignedInVisitors, sessionCookie } from "~/test/rush";
import { databaseUrl, startServer, stopServer, waitForServer } from "./busy-edition";

const port = Number(process.env.BENCH_PORT ?? 3490);
const origin = `http://127.0.0.1:${port}`;
const registrations = 5000;
const runs = 5;
const targetMs = 2000;
const countries = ["FR", "SN", "MA", "BR", "JP", "CA", "ML", "BF", "TN", "VN", "DE", "IT", "CM", "CI", "MG", "UA"];

/** The database migrated, with the demo editions: the built application started once, then stopped. */
async function migrated(dataDir: string): Promise<void> {
  const server = startServer(port, dataDir);
  try {
    await waitForServer(`${origin}/fr`);
  } finally {
    await stopServer(server);
  }
}

const dataDir = mkdtempSync(join(tmpdir(), "rencontres-bench-exports-"));
try {
  await migrated(dataDir);
  const connection = databaseUrl ? await openPostgres(databaseUrl) : await openPglite(dataDir);
  const { db } = connection;
  const edition = await db.selectFrom("edition").where("year", "=", 2026).select(["id", "year"]).executeTakeFirstOrThrow();
  const questions = await db.selectFrom("registration_question").where("edition_id", "=", edition.id).select(["id", "kind", "options"]).execute();
  const workshops = await db.selectFrom("session").where("edition_id", "=", edition.id).where("requires_signup", "=", true).select("id").execute();
  const people = await seedSignedInVisitors(db, registrations, "bench-exports");
  for (let start = 0; start < people.length; start += 500) {
    const inserted = await db
      .insertInto("registration")
      .values(
        people.slice(start, start + 500).map((person, offset) => {
          const i = start + offset;
          return {
            edition_id: edition.id,
            person_id: person.personId,
            registered_by_person_id: person.personId,
            status: i % 20 === 1 ? ("cancelled" as const) : i % 10 === 2 ? ("waitlisted" as const) : ("confirmed" as const),
            category: participantCategories[i % participantCategories.length]!,
            given_name: i % 7 === 0 ? "Ірина" : `Prénom${i}`,
            family_name: `Nom ${i}`,
            email: person.email,
            phone: "+33 1 53 41 81 81",
            job_title: i % 13 === 0 ? '=HYPERLINK("http://evil.example","x")' : "Chargée de mission",
            organisation_type: organisationTypes[i % organisationTypes.length]!,
            organisation_name: `Collectivité ${i % 700}`,
            country_code: countries[i % countries.length]!,
            city: "São Paulo",
            reference: `X26-${String(i).padStart(6, "0")}`,
          };
        }),
      )
      .returning("id")
      .execute();
    const answers = inserted.flatMap((row) =>
      questions.map((question) => ({
        registration_id: row.id,
        question_id: question.id,
        value: JSON.stringify(question.kind === "yes_no" ? "yes" : question.kind === "multiple" ? question.options.slice(0, 2).map((option) => option.value) : question.kind === "choice" ? (question.options[0]?.value ?? "") : "Une réponse libre"),
      })),
    );
    for (let offset = 0; offset < answers.length; offset += 1000) await db.insertInto("registration_answer").values(answers.slice(offset, offset + 1000)).execute();
    if (workshops.length > 0)
      await db
        .insertInto("session_signup")
        .values(inserted.map((row, offset) => ({ session_id: workshops[(start + offset) % workshops.length]!.id, registration_id: row.id, status: "confirmed" as const })))
        .execute();
  }
  const [owner] = await seedSignedInVisitors(db, 1, "bench-exports-owner");
  if (!owner) throw new Error("no owner");
  await db.insertInto("staff_role").values({ person_id: owner.personId, edition_id: null, role: "owner" }).execute();
  await db.updateTable("auth_session").set({ second_factor_at: new Date() }).where("person_id", "=", owner.personId).execute();
  const context = { db, now: () => new Date(), env: { PUBLIC_URL: origin } };
  const request = new Request(`${origin}/fr/2026/organisation/exports`, { headers: { Cookie: sessionCookie(owner) } });
  const { access } = await requireBackOffice(request, context, edition.year, "registrations");

  const params = new URLSearchParams();
  for (const column of [...fixedColumns, ...questions.map((question) => `answer:${question.id}`)]) params.append("column", column);
  const asked = parseExportRequest(params);
  const timed = async (write: (table: Awaited<ReturnType<typeof registrationsExport>>) => Promise<Buffer> | Buffer) => {
    const times: { total: number; rows: number }[] = [];
    let rows = 0;
    let bytes = 0;
    for (let run = 0; run < runs + 1; run++) {
      const started = performance.now();
      const table = await registrationsExport(db, access, { ...asked, language: "fr", now: new Date() });
      const read = performance.now();
      const file = await write(table);
      // The first run warms the query plan and the libraries up; it is not counted.
      if (run > 0) times.push({ total: performance.now() - started, rows: read - started });
      rows = table.rows.length;
      bytes = file.length;
    }
    times.sort((a, b) => a.total - b.total);
    const median = times[Math.floor(times.length / 2)]!;
    return {
      rows,
      columns: asked.columns.length,
      "size (kB)": Math.round(bytes / 1024),
      "median (ms)": Math.round(median.total),
      "of which rows (ms)": Math.round(median.rows),
      "max (ms)": Math.round(times.at(-1)!.total),
    };
  };
  const xlsx = await timed((table) => toXlsx(table, "Inscriptions"));
  const csv = await timed((table) => toCsv(table, "semicolon"));
  console.log(`exports, ${registrations} registrations in 2026, ${runs} runs each after a warm-up, on ${databaseUrl ? "PostgreSQL" : "PGlite"}`);
  console.table([
    { file: "XLSX", ...xlsx, [`max < ${targetMs} ms`]: xlsx["max (ms)"] < targetMs ? "yes" : "NO" },
    { file: "CSV", ...csv, [`max < ${targetMs} ms`]: csv["max (ms)"] < targetMs ? "yes" : "NO" },
  ]);
  await connection.close();
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
