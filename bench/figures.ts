// Times the statistics page of an edition of 5,000 registrations (of every status, category,
// type, language and many countries, made over the weeks of the window, beside a previous
// edition of 3,000 to compare with, and workshops with seats taken): an organiser opens the page
// 100 times after a warm-up, one request at a time, through the built server, nothing cached;
// p50, p95 and max are printed against the 300 ms target. Runs on PGlite, or on
// BENCH_DATABASE_URL (an empty PostgreSQL database).
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import type { Kysely } from "kysely";
import { openPglite, openPostgres, type Connection } from "~/db/connection.server";
import { organisationTypes, participantCategories, type DB } from "~/db/schema";
import { paths } from "~/lib/paths";
import { seedSignedInVisitors, sessionCookie } from "~/test/rush";
import { databaseUrl, startServer, stopServer, waitForServer } from "./busy-edition";

const port = Number(process.env.BENCH_PORT ?? 3392);
const origin = `http://127.0.0.1:${port}`;
const registrations = 5000;
const previousRegistrations = 3000;
const requests = Number(process.env.BENCH_REQUESTS ?? 100);
const targetMs = 300;
const countries = ["FR", "SN", "MA", "BR", "JP", "CA", "ML", "BF", "TN", "VN", "DE", "IT", "CM", "CI", "MG", "BE", "CH", "LB", "HT", "MX", "IN", "CN", "US", "GB", "ES", "PT", "PL", "UA", "TR", "MU"];

/** CPU seconds a process has used (Linux): it varies less with a shared machine's neighbours than latency does. */
function cpuSeconds(child: ChildProcess): number {
  try {
    const fields = readFileSync(`/proc/${child.pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

/** Busy and total CPU time of the whole machine (all cores), to tell whether it was the limit. */
function machineCpu(): { busy: number; total: number } {
  const fields = (readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "").trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((sum, n) => sum + n, 0);
  return { busy: total - (fields[3] ?? 0) - (fields[4] ?? 0), total };
}

/** `count` registrations of the edition of `year`, spread over its registration window. */
async function seedEdition(db: Kysely<DB>, year: number, count: number): Promise<number[]> {
  const edition = await db.selectFrom("edition").where("year", "=", year).select(["id", "registration_opens_at", "registration_closes_at"]).executeTakeFirstOrThrow();
  const opens = edition.registration_opens_at.getTime();
  const span = edition.registration_closes_at.getTime() - opens;
  const people = await seedSignedInVisitors(db, count, `bench-figures-${year}`);
  const ids: number[] = [];
  for (let start = 0; start < people.length; start += 500) {
    const rows = await db
      .insertInto("registration")
      .values(
        people.slice(start, start + 500).map((person, offset) => {
          const i = start + offset;
          // More registrations near the opening and the closing, as in a real campaign.
          const at = new Date(opens + span * (0.5 - 0.5 * Math.cos(Math.PI * (i / count))));
          return {
            edition_id: edition.id,
            person_id: person.personId,
            registered_by_person_id: person.personId,
            status: i % 50 === 0 ? ("pending" as const) : i % 20 === 1 ? ("cancelled" as const) : i % 10 === 2 ? ("waitlisted" as const) : ("confirmed" as const),
            category: participantCategories[i % participantCategories.length]!,
            given_name: `Prénom${i}`,
            family_name: `Nom ${i}`,
            email: person.email,
            organisation_type: organisationTypes[i % organisationTypes.length]!,
            organisation_name: `Collectivité ${i % 700}`,
            country_code: countries[i % 7 === 0 ? i % countries.length : 0]!,
            reference: `F${year % 100}-${String(i).padStart(6, "0")}`,
            created_at: at,
            updated_at: at,
          };
        }),
      )
      .returning("id")
      .execute();
    ids.push(...rows.map((row) => row.id));
  }
  if (count > 0) await db.updateTable("person").set({ language: "en" }).where("email", "like", `bench-figures-${year}-%1@example.org`).execute();
  return ids;
}

/** Both editions seeded, seats taken in every session of 2026 with sign-up, and an owner signed in with a fresh second factor. */
async function seed(connection: Connection): Promise<string> {
  const { db } = connection;
  await seedEdition(db, 2025, previousRegistrations);
  const ids = await seedEdition(db, 2026, registrations);
  const edition = await db.selectFrom("edition").where("year", "=", 2026).select("id").executeTakeFirstOrThrow();
  const sessions = await db.selectFrom("session").select(["id", "capacity"]).where("edition_id", "=", edition.id).where("requires_signup", "=", true).execute();
  for (const [index, session] of sessions.entries()) {
    const taken = ids.filter((_, i) => i % sessions.length === index).slice(0, session.capacity ?? 50);
    if (taken.length > 0) await db.insertInto("session_signup").values(taken.map((registrationId) => ({ session_id: session.id, registration_id: registrationId, status: "confirmed" as const }))).execute();
  }
  const [owner] = await seedSignedInVisitors(db, 1, "bench-figures-owner");
  if (!owner) throw new Error("no owner");
  await db.insertInto("staff_role").values({ person_id: owner.personId, edition_id: null, role: "owner" }).execute();
  await db.updateTable("auth_session").set({ second_factor_at: new Date() }).where("person_id", "=", owner.personId).execute();
  return sessionCookie(owner);
}

const dataDir = mkdtempSync(join(tmpdir(), "rencontres-bench-figures-"));
let server = startServer(port, dataDir);
try {
  await waitForServer(`${origin}/fr`);
  await stopServer(server);
  const connection = databaseUrl ? await openPostgres(databaseUrl) : await openPglite(dataDir);
  const cookie = await seed(connection);
  await connection.close();
  server = startServer(port, dataDir);
  await waitForServer(`${origin}/fr`);

  const path = paths.backOffice("fr", 2026, "figures");
  const get = async () => {
    const started = performance.now();
    const response = await fetch(origin + path, { headers: { Cookie: cookie }, redirect: "manual" });
    const body = await response.text();
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
    if (!body.includes('data-figure="total"')) throw new Error(`${path} showed no figures`);
    return performance.now() - started;
  };
  for (let i = 0; i < 10; i++) await get();
  const latencies: number[] = [];
  const cpuBefore = cpuSeconds(server);
  const machineBefore = machineCpu();
  for (let i = 0; i < requests; i++) latencies.push(await get());
  // PGlite runs inside the server's process: its CPU time is the database's too.
  const cpuMs = Math.round(((cpuSeconds(server) - cpuBefore) * 1000) / requests);
  const machine = machineCpu();
  const busy = (100 * (machine.busy - machineBefore.busy)) / Math.max(1, machine.total - machineBefore.total);
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)] ?? 0);
  console.log(`statistics page, ${registrations} registrations in 2026 beside ${previousRegistrations} in 2025, ${requests} requests one at a time, on ${databaseUrl ? "PostgreSQL" : "PGlite"}`);
  console.log(`machine busy ${busy.toFixed(0)}% meanwhile (all ${cpus().length} cores, every process)`);
  console.table([{ page: path, "p50 (ms)": at(0.5), "p95 (ms)": at(0.95), "max (ms)": Math.round(latencies.at(-1) ?? 0), "server CPU ms/request": cpuMs, [`p95 < ${targetMs} ms`]: at(0.95) < targetMs ? "yes" : "NO" }]);
} finally {
  await stopServer(server);
  rmSync(dataDir, { recursive: true, force: true });
}
