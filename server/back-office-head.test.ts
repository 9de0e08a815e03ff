import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import net, { type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPglite } from "~/db/connection.server";
import { migrate } from "~/db/migrate.server";
import { openSignInSession } from "~/features/accounts/sign-in-sessions.server";
import { loadDemoData } from "~/features/editions/demo-data.server";
import { backOfficeSections } from "~/features/organisers/sections";
import { languages } from "~/i18n/languages";
import { paths } from "~/lib/paths";
import { createPerson, createStaff, staffSession } from "~/test/factories";
import { stopServer, waitUntilUp } from "~/test/spawned-server";

// HEAD of every back-office page, through the built application as it runs in production: the
// same status and headers as a GET, not a byte of body, and never a 500, whoever asks.

const folder = mkdtempSync(join(tmpdir(), "rencontres-head-"));
let port = 0;
let app: ChildProcess | undefined;

interface Visitor {
  name: string;
  cookie?: string;
}
const visitors: Visitor[] = [{ name: "anonymous" }];

const pages = languages.flatMap((language) => [
  paths.backOfficeHome(language),
  paths.security(language),
  paths.verification(language),
  ...backOfficeSections.map((section) => paths.backOffice(language, 2026, section.key)),
]);

async function freePort(): Promise<number> {
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port: free } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return free;
}

/** The answer to a HEAD, read off the socket to its end: whatever the server writes after the headers shows. */
function head(path: string, cookie?: string): Promise<{ status: number; headers: Map<string, string>; bodyBytes: number }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    socket.on("data", (chunk) => chunks.push(chunk));
    socket.on("error", reject);
    socket.on("end", () => {
      const raw = Buffer.concat(chunks);
      const end = raw.indexOf("\r\n\r\n");
      const [statusLine = "", ...lines] = raw.subarray(0, end).toString("latin1").split("\r\n");
      const headers = new Map(lines.map((line) => [line.slice(0, line.indexOf(":")).toLowerCase(), line.slice(line.indexOf(":") + 1).trim()]));
      resolve({ status: Number(statusLine.split(" ")[1]), headers, bodyBytes: raw.byteLength - end - 4 });
    });
    socket.write(`HEAD ${path} HTTP/1.1\r\nHost: localhost:${port}\r\nConnection: close\r\n${cookie ? `Cookie: ${cookie}\r\n` : ""}\r\n`);
  });
}

const get = (path: string, cookie?: string) =>
  fetch(`http://127.0.0.1:${port}${path}`, { redirect: "manual", headers: cookie ? { Cookie: cookie } : {} });

/** What a HEAD must repeat of a GET: where it sends, what it is, how it may be kept. */
const comparedHeaders = ["location", "content-type", "cache-control", "vary"];

beforeAll(async () => {
  expect(existsSync("build/server/index.js"), "build the application first (npm run build)").toBe(true);
  // Sessions on the real clock, which the server reads: their second factor is fresh for it.
  const now = new Date();
  const dataDir = join(folder, "pglite");
  const connection = await openPglite(dataDir);
  try {
    await migrate(connection);
    await loadDemoData(connection.db);
    const db = connection.db;
    for (const role of ["organiser", "owner"] as const) {
      visitors.push({ name: `${role} of 2026`, cookie: (await staffSession(db, await createStaff(db, role, 2026), now)).cookie });
    }
    // Signed in by e-mail only: sent to enrol a factor (none yet), or to pass the one they have.
    const newcomer = await createStaff(db, "organiser", 2026);
    visitors.push({ name: "organiser without a factor", cookie: `rencontres_session=${(await openSignInSession(db, newcomer.id, now)).token}` });
    const returning = await createStaff(db, "organiser", 2026);
    await staffSession(db, returning, now);
    visitors.push({ name: "organiser whose factor is due", cookie: `rencontres_session=${(await openSignInSession(db, returning.id, now)).token}` });
    const participant = await createPerson(db);
    visitors.push({ name: "signed-in participant", cookie: `rencontres_session=${(await openSignInSession(db, participant.id, now)).token}` });
  } finally {
    await connection.close();
  }

  port = await freePort();
  app = spawn(process.execPath, ["server.js"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", PUBLIC_URL: `http://localhost:${port}`, DATA_DIR: dataDir, DATABASE_URL: "", SMTP_URL: "", DEMO_DATA: "false" },
  });
  await waitUntilUp(() => get("/fr").then((answer) => answer.status === 200));
}, 90_000);

afterAll(async () => {
  await stopServer(app);
  rmSync(folder, { recursive: true, force: true });
});

describe("HEAD on the back office", () => {
  it("lists the yearless pages and every section of 2026, in both languages", () => {
    expect(pages).toContain("/fr/organisation/securite");
    expect(pages).toContain("/fr/2026/organisation/journal");
    expect(pages).toHaveLength(2 * (3 + backOfficeSections.length));
  });

  it("answers each page like a GET, without a body and never 500, whoever asks", { timeout: 120_000 }, async () => {
    const differences: string[] = [];
    const statuses = new Map<string, Set<number>>();
    for (const visitor of visitors) {
      for (const path of pages) {
        const answer = await head(path, visitor.cookie);
        const page = await get(path, visitor.cookie);
        await page.arrayBuffer();
        const where = `${visitor.name}, ${path}`;
        if (answer.status >= 500) differences.push(`${where}: HEAD answered ${answer.status}`);
        if (page.status >= 500) differences.push(`${where}: GET answered ${page.status}`);
        if (answer.status !== page.status) differences.push(`${where}: HEAD ${answer.status}, GET ${page.status}`);
        if (answer.bodyBytes !== 0) differences.push(`${where}: HEAD sent ${answer.bodyBytes} bytes of body`);
        for (const name of comparedHeaders) {
          if ((answer.headers.get(name) ?? null) !== page.headers.get(name)) {
            differences.push(`${where}: ${name} "${answer.headers.get(name)}" after HEAD, "${page.headers.get(name)}" after GET`);
          }
        }
        statuses.set(visitor.name, (statuses.get(visitor.name) ?? new Set()).add(answer.status));
      }
    }
    expect(differences).toEqual([]);
    // The visitors reach what they should: pages for the staff, the way in or a 404 for the rest.
    expect([...(statuses.get("owner of 2026") ?? [])]).toEqual([200]);
    expect(statuses.get("organiser of 2026")).toEqual(new Set([200, 404]));
    expect([...(statuses.get("anonymous") ?? [])].every((status) => [302, 303, 404].includes(status))).toBe(true);
    expect([...(statuses.get("organiser without a factor") ?? [])].some((status) => status === 303)).toBe(true);
  });
});
