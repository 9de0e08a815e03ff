// What the back-office benches share: the built application started on PGlite (in a temporary
// folder) or on BENCH_DATABASE_URL (an empty PostgreSQL database), and a 2026 edition of 5,000
// registrations of every status, category, type and many countries, with staff signed in.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { openPglite, openPostgres, type Connection } from "~/db/connection.server";
import { organisationTypes, participantCategories } from "~/db/schema";
import { seedSignedInVisitors, sessionCookie } from "~/test/rush";

export const databaseUrl = process.env.BENCH_DATABASE_URL ?? "";
export const databaseName = databaseUrl ? "PostgreSQL" : "PGlite";
const countries = ["FR", "SN", "MA", "BR", "JP", "CA", "ML", "BF", "TN", "VN", "DE", "IT", "CM", "CI", "MG"];
const families = ["Lefèvre", "Núñez", "Nguyễn", "Wróbel", "Müller", "Diop", "Araújo", "Ouédraogo", "Côté", "Martin"];
const cities = ["São Paulo", "Montréal", "Genève", "Łódź", "Köln", "Málaga", "Dakar", "Huế", "Ouagadougou", "Lyon"];

/** BENCH_SERVER_ARGS passes options to the server's node (e.g. "--cpu-prof --cpu-prof-dir=prof"), as in bench/http.ts. */
const serverArgs = (process.env.BENCH_SERVER_ARGS ?? "").split(" ").filter(Boolean);

/** The built server on `port`; `env` adds settings (e.g. SMTP_URL). */
export function startServer(port: number, dataDir: string, env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, [...serverArgs, "server.js"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      DEMO_DATA: "true",
      ...env,
    },
  });
}

export async function waitForServer(url: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`server did not answer ${url}`);
}

export async function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null) return;
  const exited = new Promise((resolve) => server.once("exit", resolve));
  server.kill("SIGTERM");
  await exited;
}

export interface BusyEdition {
  origin: string;
  /** Of the staff, each an owner signed in with a fresh second factor. */
  cookies: string[];
  /** The CSRF token of each of those sessions, for their forms. */
  csrfs: string[];
  /** A registration on the waiting list, for the pages of one person. */
  waitlistedId: number;
  /** CPU seconds the server process has used so far (user and system; NaN off Linux). */
  serverCpuSeconds: () => number;
}

/**
 * CPU seconds used by a process (Linux), user and system: the machine may be shared, and the
 * server's CPU time per request varies less with the neighbours than its latency does.
 */
export function cpuSeconds(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

/** CPU seconds used so far by the PostgreSQL processes of this machine (of every database on it). */
export function postgresCpuSeconds(): number {
  let total = 0;
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      if (!stat.includes("(postgres)")) continue;
      const fields = stat.split(") ")[1]?.split(" ") ?? [];
      total += (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      // The process ended meanwhile.
    }
  }
  return total;
}

/** Busy and total CPU time of the whole machine (all cores), to tell whether it was the limit. */
export function machineCpu(): { busy: number; total: number } {
  const fields = (readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "").trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((sum, n) => sum + n, 0);
  return { busy: total - (fields[3] ?? 0) - (fields[4] ?? 0), total };
}

/** The registrations of the 2026 edition, with one e-mail each in the outbox, and `staff` owners. */
async function seed(connection: Connection, registrations: number, staff: number): Promise<Omit<BusyEdition, "origin" | "serverCpuSeconds">> {
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
            family_name: `${families[i % families.length]} ${i}`,
            email: person.email,
            organisation_type: organisationTypes[i % organisationTypes.length]!,
            organisation_name: `Collectivité ${i % 700}`,
            country_code: countries[i % countries.length]!,
            city: cities[i % cities.length]!,
            reference: `B26-${String(i).padStart(6, "0")}`,
          };
        }),
      )
      .execute();
  }
  // One e-mail each, sent, which a person's page lists.
  await sql`insert into mail_outbox (to_address, language, subject, text_body, html_body, status, sent_at, attempts)
    select email, 'fr', 'Votre inscription', 'Bonjour', '<p>Bonjour</p>', 'sent', now(), 1 from registration where edition_id = ${edition.id}`.execute(db);
  const waiting = await db.selectFrom("registration").where("edition_id", "=", edition.id).where("status", "=", "waitlisted").select("id").orderBy("id").executeTakeFirstOrThrow();
  const owners = await seedSignedInVisitors(db, staff, "bench-owner");
  await db
    .insertInto("staff_role")
    .values(owners.map((owner) => ({ person_id: owner.personId, edition_id: null, role: "owner" as const })))
    .execute();
  await db
    .updateTable("auth_session")
    .set({ second_factor_at: new Date() })
    .where("person_id", "in", owners.map((owner) => owner.personId))
    .execute();
  return { cookies: owners.map(sessionCookie), csrfs: owners.map((owner) => owner.csrf), waitlistedId: waiting.id };
}

/**
 * Runs `measure` against the built application serving a busy 2026 edition: the database is made
 * by a first start (migrations, demo), seeded while the server is stopped, then served again.
 */
export async function withBusyEdition<T>(
  options: { port: number; registrations: number; staff: number; env?: Record<string, string> },
  measure: (edition: BusyEdition) => Promise<T>,
): Promise<T> {
  const origin = `http://127.0.0.1:${options.port}`;
  const dataDir = mkdtempSync(join(tmpdir(), "rencontres-bench-"));
  let server = startServer(options.port, dataDir);
  try {
    await waitForServer(`${origin}/fr`);
    await stopServer(server);
    const connection = databaseUrl ? await openPostgres(databaseUrl) : await openPglite(dataDir);
    const seeded = await seed(connection, options.registrations, options.staff);
    await connection.close();
    server = startServer(options.port, dataDir, options.env);
    await waitForServer(`${origin}/fr`);
    const serving = server;
    return await measure({ origin, ...seeded, serverCpuSeconds: () => cpuSeconds(serving.pid) });
  } finally {
    await stopServer(server);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The value below which a share `q` of the sorted latencies fall. */
export function percentile(sorted: readonly number[], q: number): number {
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0);
}
