// Serves the built application and loads it with autocannon: the 2026 programme page against a
// static file of the same server, the sign-in page, the registration rush (registrations
// completed per second), then 300 people pressing one workshop's sign-up button at once. Run with
// `npm run bench` (which builds first), on PGlite; with BENCH_DATABASE_URL naming an empty
// PostgreSQL database, on that server instead, and there also the registration rush spread over
// two application processes. BENCH_ONLY=pages,registration,workshop,two-processes picks scenarios;
// BENCH_SERVER_ARGS passes options to the server's node (e.g. "--cpu-prof --cpu-prof-dir=prof");
// BENCH_WORKSHOP_GET=false leaves out the GET that follows each workshop sign-up's redirect.
import autocannon from "autocannon";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { openPglite, openPostgres, type Connection } from "~/db/connection.server";
import { registrationForm, seedConfirmedRegistrations, seedSignedInVisitors, sessionCookie, type SignedInVisitor } from "~/test/rush";

const port = Number(process.env.BENCH_PORT ?? 3290);
const originOf = (p: number) => `http://127.0.0.1:${p}`;
const origin = originOf(port);
const connections = 50;
const duration = 10;
const visitorsForRush = 30_000;
const workshopCrowd = 300;
const databaseUrl = process.env.BENCH_DATABASE_URL ?? "";
const only = new Set((process.env.BENCH_ONLY ?? "pages,registration,workshop,two-processes").split(","));

async function waitForServer(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`server did not answer ${url}`);
}

function startServer(dataDir: string, serverPort = port): ChildProcess {
  const nodeArgs = (process.env.BENCH_SERVER_ARGS ?? "").split(" ").filter(Boolean);
  return spawn(process.execPath, [...nodeArgs, "server.js"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      PORT: String(serverPort),
      HOST: "127.0.0.1",
      PUBLIC_URL: originOf(serverPort),
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      DEMO_DATA: "true",
      // Inside the 2026 registration window.
      CLOCK_AT: "2026-05-01T10:00:00+02:00",
    },
  });
}

async function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null) return;
  const exited = new Promise((resolve) => server.once("exit", resolve));
  server.kill("SIGTERM");
  await exited;
}

/**
 * CPU seconds a process has used (Linux), user and system: the machine may be shared, and the
 * server's CPU time per request varies less with the neighbours than its latency does.
 */
function cpuSeconds(child: ChildProcess): number {
  try {
    const fields = readFileSync(`/proc/${child.pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

/** CPU seconds used so far by the PostgreSQL processes of this machine (none when the server is elsewhere). */
function postgresCpuSeconds(): number {
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
function machineCpu(): { busy: number; total: number } {
  const fields = (readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "").trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((sum, n) => sum + n, 0);
  return { busy: total - (fields[3] ?? 0) - (fields[4] ?? 0), total };
}

/** Runs `body`, then says how busy the machine and PostgreSQL were meanwhile, per request completed. */
async function measured<T>(body: () => Promise<T>, completed: (result: T) => number): Promise<{ result: T; note: string }> {
  const before = { machine: machineCpu(), postgres: postgresCpuSeconds() };
  const result = await body();
  const machine = machineCpu();
  const busy = (100 * (machine.busy - before.machine.busy)) / Math.max(1, machine.total - before.machine.total);
  const postgresMs = ((postgresCpuSeconds() - before.postgres) * 1000) / Math.max(1, completed(result));
  return { result, note: `machine busy ${busy.toFixed(0)}% (all ${cpus().length} cores, every process)${databaseUrl ? `, PostgreSQL CPU ${postgresMs.toFixed(1)} ms/request` : ""}` };
}

interface Figures {
  target: string;
  "requests/s": number;
  "p50 latency (ms)": number;
  "p99 latency (ms)": number;
  "max latency (ms)": number;
  "non-2xx/3xx": number;
  "server CPU ms/request"?: number;
}

const figures = (target: string, result: autocannon.Result): Figures => ({
  target,
  "requests/s": Math.round(result.requests.average),
  "p50 latency (ms)": result.latency.p50,
  "p99 latency (ms)": result.latency.p99,
  "max latency (ms)": result.latency.max,
  // autocannon counts redirects among its non-2xx; a registration completed is a 303. Its errors
  // include time-outs.
  "non-2xx/3xx": result.non2xx - result["3xx"] + result.errors,
});

const dataDir = mkdtempSync(join(tmpdir(), "rencontres-bench-"));
let server = startServer(dataDir);
const servers: ChildProcess[] = [];
try {
  // First start: migrations and demo editions. Then signed-in visitors are written (while the
  // embedded database is free: PGlite serves one process), and the server starts again.
  await waitForServer(`${origin}/en/2026/programme`);
  await stopServer(server);
  const connection: Connection = databaseUrl ? await openPostgres(databaseUrl) : await openPglite(dataDir);
  const visitors = await seedSignedInVisitors(connection.db, visitorsForRush, "bench");
  const lunch = await connection.db
    .selectFrom("registration_question")
    .innerJoin("edition", "edition.id", "registration_question.edition_id")
    .where("edition.year", "=", 2026)
    .where("registration_question.kind", "=", "yes_no")
    .select("registration_question.id")
    .executeTakeFirstOrThrow();
  // The workshop crowd: confirmed for 2025, all after the same 40 seats.
  const edition2025 = await connection.db.selectFrom("edition").where("year", "=", 2025).select("id").executeTakeFirstOrThrow();
  const workshop = await connection.db
    .selectFrom("session")
    .where("edition_id", "=", edition2025.id)
    .where("requires_signup", "=", true)
    .where("wish_round_id", "is", null)
    .select(["id", "capacity"])
    .orderBy("starts_at")
    .executeTakeFirstOrThrow();
  const workshopVisitors = await seedSignedInVisitors(connection.db, workshopCrowd, "bench-workshop");
  const workshopRegistrations = await seedConfirmedRegistrations(connection.db, edition2025.id, workshopVisitors);
  await connection.close();
  server = startServer(dataDir);
  servers.push(server);
  await waitForServer(`${origin}/en/2026/programme`);

  const table: Figures[] = [];
  const notes: string[] = [];
  if (only.has("pages")) {
    const stylesheet = readdirSync("build/client/assets").find((file) => file.endsWith(".css"));
    const staticPath = stylesheet ? `/assets/${stylesheet}` : "/favicon.svg";
    await autocannon({ url: `${origin}/en/2026/programme`, connections: 10, duration: 2 });
    const page = figures("programme page (/en/2026/programme)", await autocannon({ url: `${origin}/en/2026/programme`, connections, duration }));
    const file = figures(`static file (${staticPath})`, await autocannon({ url: origin + staticPath, connections, duration }));
    // Before the rush, whose queued requests would still load the server.
    const signIn = figures("sign-in page (/fr/connexion)", await autocannon({ url: `${origin}/fr/connexion`, connections, duration }));
    table.push(page, file, signIn);
    notes.push(`programme page ÷ static file throughput: ${(page["requests/s"] / file["requests/s"]).toFixed(2)}`);
  }

  // Each request registers a different signed-in person: a registration completed is a 303.
  let next = 0;
  const registrationRush = (serverOrigin: string, clients: number) =>
    autocannon({
      url: serverOrigin,
      connections: clients,
      duration,
      requests: [
        {
          method: "POST",
          path: "/fr/2026/inscription",
          setupRequest: (request) => {
            const visitor = visitors[next++ % visitors.length];
            if (!visitor) return request;
            return {
              ...request,
              headers: { ...request.headers, Cookie: sessionCookie(visitor), "Content-Type": "application/x-www-form-urlencoded" },
              body: registrationForm(visitor, lunch.id).toString(),
            };
          },
        },
      ],
    });
  if (only.has("registration")) {
    const cpuBefore = cpuSeconds(server);
    const { result: rush, note } = await measured(() => registrationRush(origin, connections), (r) => r["3xx"]);
    const completed = rush["3xx"];
    notes.push(`registration, one process: ${note}`);
    table.push({
      ...figures("registration (POST /fr/2026/inscription)", rush),
      "requests/s": Math.round(completed / duration),
      "server CPU ms/request": Math.round(((cpuSeconds(server) - cpuBefore) * 1000) / Math.max(1, completed)),
    });
    notes.push(`registrations completed, one process: ${completed} in ${duration} s`);
  }

  if (only.has("workshop")) {
    // Everyone at once, not 50 at a time: each answer's latency from the common start. A seat is
    // answered by a 303 to the space (Post/Redirect/Get), which the browser then fetches: both
    // are timed, the second as "page shown".
    const answered: number[] = [];
    const shown: number[] = [];
    const statuses = new Map<number, number>();
    const cpuBefore = cpuSeconds(server);
    const start = performance.now();
    await Promise.all(
      workshopVisitors.map(async (visitor: SignedInVisitor, i) => {
        const body = new URLSearchParams({
          csrf: visitor.csrf,
          intent: "sign_up",
          registration: String(workshopRegistrations[i]?.id),
          session: String(workshop.id),
        });
        const headers = { Cookie: sessionCookie(visitor) };
        const response = await fetch(`${origin}/fr/espace`, { method: "POST", body, headers, redirect: "manual" });
        await response.arrayBuffer();
        answered.push(performance.now() - start);
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        const location = response.status === 303 && process.env.BENCH_WORKSHOP_GET !== "false" ? response.headers.get("location") : null;
        if (location) {
          const page = await fetch(origin + location, { headers, redirect: "manual" });
          await page.arrayBuffer();
          if (!page.ok) statuses.set(page.status, (statuses.get(page.status) ?? 0) + 1);
        }
        shown.push(performance.now() - start);
      }),
    );
    const cpuMs = (cpuSeconds(server) - cpuBefore) * 1000;
    const row = (target: string, latencies: number[]): Figures => {
      latencies.sort((a, b) => a - b);
      const at = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
      return {
        target,
        "requests/s": Math.round((workshopCrowd * 1000) / (latencies.at(-1) ?? 1)),
        "p50 latency (ms)": at(0.5),
        "p99 latency (ms)": at(0.99),
        "max latency (ms)": Math.round(latencies.at(-1) ?? 0),
        "non-2xx/3xx": [...statuses].filter(([status]) => status !== 200 && status !== 303).reduce((sum, [, n]) => sum + n, 0),
        "server CPU ms/request": Math.round(cpuMs / workshopCrowd),
      };
    };
    table.push(row(`${workshopCrowd} sign-ups at once for ${workshop.capacity} seats (POST /fr/espace)`, answered));
    table.push({ ...row("  …the space page shown after it (POST, then GET when redirected)", shown), "server CPU ms/request": undefined });
    notes.push(`workshop answers: ${[...statuses].map(([status, n]) => `${n} × ${status}`).join(", ")}; server CPU ms per sign-up counts its GET too`);
  }

  if (databaseUrl && only.has("two-processes")) {
    const second = startServer(dataDir, port + 1);
    servers.push(second);
    await waitForServer(`${originOf(port + 1)}/en/2026/programme`);
    const cpuBefore = cpuSeconds(server) + cpuSeconds(second);
    const { result: rushes, note } = await measured(
      () => Promise.all([registrationRush(origin, connections / 2), registrationRush(originOf(port + 1), connections / 2)]),
      (all) => all.reduce((sum, r) => sum + r["3xx"], 0),
    );
    const completed = rushes.reduce((sum, r) => sum + r["3xx"], 0);
    notes.push(`registration, two processes: ${note}`);
    const merged = rushes.map((r) => figures("", r));
    table.push({
      target: "registration, two processes (25 + 25 connections)",
      "requests/s": Math.round(completed / duration),
      "p50 latency (ms)": Math.max(...merged.map((f) => f["p50 latency (ms)"])),
      "p99 latency (ms)": Math.max(...merged.map((f) => f["p99 latency (ms)"])),
      "max latency (ms)": Math.max(...merged.map((f) => f["max latency (ms)"])),
      "non-2xx/3xx": merged.reduce((sum, f) => sum + f["non-2xx/3xx"], 0),
      "server CPU ms/request": Math.round(((cpuSeconds(server) + cpuSeconds(second) - cpuBefore) * 1000) / Math.max(1, completed)),
    });
    notes.push(`registrations completed, two processes: ${completed} in ${duration} s`);
  }

  console.log(`autocannon: ${connections} connections, ${duration} s each, one server process on ${databaseUrl ? "PostgreSQL" : "PGlite"} unless said`);
  console.table(table);
  for (const note of notes) console.log(note);
  console.log(next > visitors.length ? "visitors reused: some registrations were refused" : "each registration by a different person");
} finally {
  for (const s of [server, ...servers]) await stopServer(s);
  rmSync(dataDir, { recursive: true, force: true });
}
