// Serves the built application and loads it with autocannon: the 2026 programme page against a
// static file of the same server. Run with `npm run bench` (which builds first).
import autocannon from "autocannon";
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const port = Number(process.env.BENCH_PORT ?? 3290);
const origin = `http://127.0.0.1:${port}`;
const connections = 50;
const duration = 10;

async function waitForServer(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`server did not answer ${url}`);
}

interface Figures {
  name: string;
  path: string;
  requestsPerSecond: number;
  p99: number;
  non2xx: number;
}

async function load(name: string, path: string): Promise<Figures> {
  const result = await autocannon({ url: origin + path, connections, duration });
  return { name, path, requestsPerSecond: result.requests.average, p99: result.latency.p99, non2xx: result.non2xx };
}

const dataDir = mkdtempSync(join(tmpdir(), "rencontres-bench-"));
const server = spawn(process.execPath, ["server.js"], {
  stdio: ["ignore", "ignore", "inherit"],
  env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, DATABASE_URL: "", DEMO_DATA: "true" },
});
try {
  await waitForServer(`${origin}/en/2026/programme`);
  const stylesheet = readdirSync("build/client/assets").find((file) => file.endsWith(".css"));
  const staticPath = stylesheet ? `/assets/${stylesheet}` : "/favicon.svg";
  // A short warm-up so that neither side pays for first-time compilation.
  await autocannon({ url: `${origin}/en/2026/programme`, connections: 10, duration: 2 });
  const page = await load("programme page", "/en/2026/programme");
  const file = await load("static file", staticPath);
  console.log(`autocannon: ${connections} connections, ${duration} s each, one server process on PGlite`);
  console.table(
    [page, file].map((f) => ({
      target: `${f.name} (${f.path})`,
      "requests/s": Math.round(f.requestsPerSecond),
      "p99 latency (ms)": f.p99,
      "non-2xx": f.non2xx,
    })),
  );
  console.log(`programme page ÷ static file throughput: ${(page.requestsPerSecond / file.requestsPerSecond).toFixed(2)}`);
} finally {
  server.kill("SIGTERM");
  await new Promise((resolve) => server.once("exit", resolve));
  rmSync(dataDir, { recursive: true, force: true });
}
