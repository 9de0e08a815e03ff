// Times every page of the back office on an edition of 5,000 registrations: an organiser opens
// each page 100 times after a warm-up, one request at a time (a person, not a crowd); p50, p95 and
// max are printed per page against the 100 ms target. Runs the built application on PGlite, or
// on BENCH_DATABASE_URL (an empty PostgreSQL database).
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { openPglite, openPostgres, type Connection } from "~/db/connection.server";
import { organisationTypes, participantCategories } from "~/db/schema";
import { backOfficeSections } from "~/features/organisers/sections";
import { paths } from "~/lib/paths";
import { seedSignedInVisitors, sessionCookie } from "~/test/rush";

const port = Number(process.env.BENCH_PORT ?? 3390);
const origin = `http://127.0.0.1:${port}`;
const registrations = 5000;
const requestsPerPage = 100;
const targetMs = 100;
const databaseUrl = process.env.BENCH_DATABASE_URL ?? "";
const countries = ["FR", "SN", "MA", "BR", "JP", "CA", "ML", "BF", "TN", "VN", "DE", "IT", "CM", "CI", "MG"];

function startServer(dataDir: string): ChildProcess {
  return spawn(process.execPath, ["server.js"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", PUBLIC_URL: origin, DATA_DIR: dataDir, DATABASE_URL: databaseUrl, DEMO_DATA: "true" },
  });
}

async function waitForServer(url: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`server did not answer ${url}`);
}

async function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null) return;
  const exited = new Promise((resolve) => server.once("exit", resolve));
  server.kill("SIGTERM");
  await exited;
}

/** 5,000 registrations of the 2026 edition, of every status, category, type and many countries, and an owner signed in with a fresh second factor. */
async function seed(connection: Connection): Promise<{ cookie: string; registrationId: number }> {
  const { db } = connection;
  const edition = await db.selectFrom("edition").where("year", "=", 2026).select("id").executeTakeFirstOrThrow();
  const people = await seedSignedInVisitors(db, registrations, "bench-back-office");
  for (let start = 0; start < people.length; start += 500) {
    await db
      .insertInto("registration")
      .values(
        people.slice(start, start + 500).map((person, offset) => {
          const i = start + offset;
          return {
            edition_id: edition.id,
            person_id: person.personId,
            registered_by_person_id: person.personId,
            // One in fifty awaits approval, one in twenty is cancelled, one in ten waits for a place.
            status: i % 50 === 0 ? ("pending" as const) : i % 20 === 1 ? ("cancelled" as const) : i % 10 === 2 ? ("waitlisted" as const) : ("confirmed" as const),
            category: participantCategories[i % participantCategories.length]!,
            given_name: `Prénom${i}`,
            family_name: `Nom ${i}`,
            email: person.email,
            organisation_type: organisationTypes[i % organisationTypes.length]!,
            organisation_name: `Collectivité ${i % 700}`,
            country_code: countries[i % countries.length]!,
            reference: `B26-${String(i).padStart(6, "0")}`,
          };
        }),
      )
      .execute();
  }
  // One e-mail each in the outbox, which a person's page lists.
  await sql`insert into mail_outbox (to_address, language, subject, text_body, html_body)
    select email, 'fr', 'Votre inscription', 'Bonjour', '<p>Bonjour</p>' from registration where edition_id = ${edition.id}`.execute(db);
  const waiting = await db.selectFrom("registration").where("edition_id", "=", edition.id).where("status", "=", "waitlisted").select("id").orderBy("id").executeTakeFirstOrThrow();
  const [owner] = await seedSignedInVisitors(db, 1, "bench-owner");
  if (!owner) throw new Error("no owner");
  await db.insertInto("staff_role").values({ person_id: owner.personId, edition_id: null, role: "owner" }).execute();
  await db.updateTable("auth_session").set({ second_factor_at: new Date() }).where("person_id", "=", owner.personId).execute();
  return { cookie: sessionCookie(owner), registrationId: waiting.id };
}

const dataDir = mkdtempSync(join(tmpdir(), "rencontres-bench-back-office-"));
let server = startServer(dataDir);
try {
  await waitForServer(`${origin}/fr`);
  await stopServer(server);
  const connection = databaseUrl ? await openPostgres(databaseUrl) : await openPglite(dataDir);
  const { cookie, registrationId } = await seed(connection);
  await connection.close();
  server = startServer(dataDir);
  await waitForServer(`${origin}/fr`);

  const pages = [
    ...backOfficeSections.map((section) => paths.backOffice("fr", 2026, section.key)),
    // A person's page of the desk (a waitlisted one), and the form registering someone.
    paths.backOfficeRegistration("fr", 2026, registrationId),
    paths.backOfficeNewRegistration("fr", 2026),
  ];
  const rows = [];
  for (const path of pages) {
    const get = async () => {
      const started = performance.now();
      const response = await fetch(origin + path, { headers: { Cookie: cookie }, redirect: "manual" });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
      return performance.now() - started;
    };
    for (let i = 0; i < 10; i++) await get();
    const latencies: number[] = [];
    for (let i = 0; i < requestsPerPage; i++) latencies.push(await get());
    latencies.sort((a, b) => a - b);
    const at = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)] ?? 0);
    rows.push({ page: path, "p50 (ms)": at(0.5), "p95 (ms)": at(0.95), "max (ms)": Math.round(latencies.at(-1) ?? 0), [`p95 < ${targetMs} ms`]: at(0.95) < targetMs ? "yes" : "NO" });
  }
  console.log(`back office, ${registrations} registrations in 2026, ${requestsPerPage} requests per page one at a time, on ${databaseUrl ? "PostgreSQL" : "PGlite"}`);
  console.table(rows);
} finally {
  await stopServer(server);
  rmSync(dataDir, { recursive: true, force: true });
}
