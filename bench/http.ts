// Serves the built application and loads it with autocannon: the 2026 programme page against a
// static file of the same server, then the registration rush (registrations completed per second)
// and the sign-in page. Run with `npm run bench` (which builds first), on PGlite; with
// BENCH_DATABASE_URL naming an empty PostgreSQL database, on that server instead.
import autocannon from "autocannon";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openPglite, openPostgres, type Connection } from "~/db/connection.server";
import { registrationForm, seedSignedInVisitors, sessionCookie } from "~/test/rush";

const port = Number(process.env.BENCH_PORT ?? 3290);
const origin = `http://127.0.0.1:${port}`;
const connections = 50;
const duration = 10;
const visitorsForRush = 30_000;
const databaseUrl = process.env.BENCH_DATABASE_URL ?? "";

async function waitForServer(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`server did not answer ${url}`);
}

function startServer(dataDir: string): ChildProcess {
  return spawn(process.execPath, ["server.js"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      PUBLIC_URL: origin,
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      DEMO_DATA: "true",
      // Inside the 2026 registration window.
      CLOCK_AT: "2026-05-01T10:00:00+02:00",
    },
  });
}

async function stopServer(server: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => server.once("exit", resolve));
  server.kill("SIGTERM");
  await exited;
}

interface Figures {
  target: string;
  "requests/s": number;
  "p99 latency (ms)": number;
  "non-2xx/3xx": number;
}

const figures = (target: string, result: autocannon.Result): Figures => ({
  target,
  "requests/s": Math.round(result.requests.average),
  "p99 latency (ms)": result.latency.p99,
  // autocannon counts redirects among its non-2xx; a registration completed is a 302.
  "non-2xx/3xx": result.non2xx - result["3xx"] + result.errors,
});

const dataDir = mkdtempSync(join(tmpdir(), "rencontres-bench-"));
let server = startServer(dataDir);
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
  await connection.close();
  server = startServer(dataDir);
  await waitForServer(`${origin}/en/2026/programme`);

  const stylesheet = readdirSync("build/client/assets").find((file) => file.endsWith(".css"));
  const staticPath = stylesheet ? `/assets/${stylesheet}` : "/favicon.svg";
  await autocannon({ url: `${origin}/en/2026/programme`, connections: 10, duration: 2 });
  const page = figures("programme page (/en/2026/programme)", await autocannon({ url: `${origin}/en/2026/programme`, connections, duration }));
  const file = figures(`static file (${staticPath})`, await autocannon({ url: origin + staticPath, connections, duration }));

  // Before the rush, whose queued requests would still load the server.
  const signIn = figures("sign-in page (/fr/connexion)", await autocannon({ url: `${origin}/fr/connexion`, connections, duration }));

  // Each request registers a different signed-in person: a registration completed is a 302.
  let next = 0;
  const rush = await autocannon({
    url: origin,
    connections,
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
  const completed = rush["3xx"];
  const registrations = { ...figures("registration (POST /fr/2026/inscription)", rush), "requests/s": Math.round(completed / duration) };

  console.log(`autocannon: ${connections} connections, ${duration} s each, one server process on ${databaseUrl ? "PostgreSQL" : "PGlite"}`);
  console.table([page, file, registrations, signIn]);
  console.log(`programme page ÷ static file throughput: ${(page["requests/s"] / file["requests/s"]).toFixed(2)}`);
  console.log(`registrations completed: ${completed} in ${duration} s (${next > visitors.length ? "visitors reused: some were refused" : "each by a different person"})`);
} finally {
  if (server.exitCode === null) await stopServer(server);
  rmSync(dataDir, { recursive: true, force: true });
}
