import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql, type Kysely } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { openPglite } from "~/db/connection.server";
import type { DB } from "~/db/schema";
import { migrate } from "~/db/migrate.server";
import { loadDemoData } from "~/features/editions/demo-data.server";
import { createTestDatabase } from "~/test/database";
import { registrationForm, seedConfirmedRegistrations, seedSignedInVisitors, sessionCookie, type SignedInVisitor } from "~/test/rush";

// The opening rush, through HTTP against the built application: 300 people fight for a 40-seat
// workshop while 300 others register for an edition of 100 places. On PostgreSQL, two
// application processes share the database.

const clockInsideWindow = "2026-05-01T10:00:00+02:00";
const crowd = 300;

interface Scenario {
  workshopId: number;
  workshopRegistrations: { id: number; person_id: number }[];
  workshopVisitors: SignedInVisitor[];
  registrationVisitors: SignedInVisitor[];
  lunchQuestionId: number;
  editionId: number;
}

async function prepare(db: Kysely<DB>): Promise<Scenario> {
  await loadDemoData(db);
  const edition2026 = await db.selectFrom("edition").where("year", "=", 2026).select("id").executeTakeFirstOrThrow();
  const edition2025 = await db.selectFrom("edition").where("year", "=", 2025).select("id").executeTakeFirstOrThrow();
  await db.updateTable("edition").set({ registration_capacity: 100 }).where("id", "=", edition2026.id).execute();
  const workshop = await db
    .selectFrom("session")
    .where("edition_id", "=", edition2025.id)
    .where("requires_signup", "=", true)
    .where("capacity", "=", 40)
    .select("id")
    .orderBy("starts_at")
    .executeTakeFirstOrThrow();
  const lunch = await db
    .selectFrom("registration_question")
    .where("edition_id", "=", edition2026.id)
    .where("kind", "=", "yes_no")
    .select("id")
    .executeTakeFirstOrThrow();
  const workshopVisitors = await seedSignedInVisitors(db, crowd, "workshop");
  const registrationVisitors = await seedSignedInVisitors(db, crowd, "register");
  const workshopRegistrations = await seedConfirmedRegistrations(db, edition2025.id, workshopVisitors);
  return { workshopId: workshop.id, workshopRegistrations, workshopVisitors, registrationVisitors, lunchQuestionId: lunch.id, editionId: edition2026.id };
}

async function startServer(port: number, env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["server.js"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", PUBLIC_URL: `http://localhost:${port}`, CLOCK_AT: clockInsideWindow, DEMO_DATA: "false", ...env },
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (await fetch(`http://127.0.0.1:${port}/fr`).then((r) => r.ok, () => false)) return child;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill();
  throw new Error(`server on port ${port} did not start`);
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

/** Fires every sign-up and every registration at once, spread over the servers. */
async function rush(ports: number[], scenario: Scenario) {
  const at = (i: number) => `http://127.0.0.1:${ports[i % ports.length]}`;
  const signups = scenario.workshopVisitors.map((visitor, i) => {
    const registration = scenario.workshopRegistrations.find((r) => r.person_id === visitor.personId);
    const body = new URLSearchParams({ csrf: visitor.csrf, intent: "sign_up", registration: String(registration?.id), session: String(scenario.workshopId) });
    return fetch(`${at(i)}/fr/espace`, { method: "POST", body, headers: { Cookie: sessionCookie(visitor) }, redirect: "manual" });
  });
  const registrations = scenario.registrationVisitors.map((visitor, i) =>
    fetch(`${at(i + 1)}/fr/2026/inscription`, {
      method: "POST",
      body: registrationForm(visitor, scenario.lunchQuestionId),
      headers: { Cookie: sessionCookie(visitor) },
      redirect: "manual",
    }),
  );
  const [signupAnswers, registrationAnswers] = await Promise.all([Promise.all(signups), Promise.all(registrations)]);
  return {
    signupStatuses: signupAnswers.map((response) => response.status),
    signupLocations: signupAnswers.map((response) => response.headers.get("location")),
    registrationStatuses: registrationAnswers.map((response) => response.status),
    registrationLocations: registrationAnswers.map((response) => response.headers.get("location")),
  };
}

async function outcome(db: Kysely<DB>, scenario: Scenario) {
  const count = (rows: { status: string; n: number }[], status: string) => rows.find((row) => row.status === status)?.n ?? 0;
  const seats = await db
    .selectFrom("session_signup")
    .where("session_id", "=", scenario.workshopId)
    .select(["status", sql<number>`count(*)::int`.as("n")])
    .groupBy("status")
    .execute();
  const registrations = await db
    .selectFrom("registration")
    .where("edition_id", "=", scenario.editionId)
    .select(["status", sql<number>`count(*)::int`.as("n")])
    .groupBy("status")
    .execute();
  return {
    seats: { confirmed: count(seats, "confirmed"), waitlisted: count(seats, "waitlisted") },
    registrations: { confirmed: count(registrations, "confirmed"), waitlisted: count(registrations, "waitlisted") },
  };
}

function expectEveryoneAnswered(result: Awaited<ReturnType<typeof rush>>) {
  // Post/Redirect/Get: each sign-up is answered by a 303 saying what it got.
  expect(result.signupStatuses.filter((status) => status === 303)).toHaveLength(crowd);
  expect(result.signupLocations.filter((location) => /^\/fr\/espace\?done=seat&session=\d+$/.test(location ?? ""))).toHaveLength(expected.seats.confirmed);
  expect(result.signupLocations.filter((location) => /^\/fr\/espace\?done=waitlisted&session=\d+$/.test(location ?? ""))).toHaveLength(expected.seats.waitlisted);
  // Each registration is answered by a 303 onto its summary in the space.
  expect(result.registrationStatuses.filter((status) => status === 303)).toHaveLength(crowd);
  expect(result.registrationLocations.filter((location) => /^\/fr\/espace\?done=registered#registration-\d+$/.test(location ?? ""))).toHaveLength(crowd);
}

const expected = { seats: { confirmed: 40, waitlisted: 260 }, registrations: { confirmed: 100, waitlisted: 200 } };

describe("the opening rush through HTTP", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it("holds on PGlite: nothing overbooked, nothing acknowledged lost", { timeout: 240_000 }, async () => {
    expect(existsSync("build/server/index.js"), "build the application first (npm run build)").toBe(true);
    const dataDir = mkdtempSync(join(tmpdir(), "rencontres-rush-"));
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    let connection = await openPglite(dataDir);
    await migrate(connection);
    const scenario = await prepare(connection.db);
    await connection.close();

    const port = 3600 + Math.floor(Math.random() * 200);
    const server = await startServer(port, { DATA_DIR: dataDir, DATABASE_URL: "" });
    cleanups.push(() => stop(server));
    const result = await rush([port], scenario);
    await stop(server);

    expectEveryoneAnswered(result);
    connection = await openPglite(dataDir);
    try {
      expect(await outcome(connection.db, scenario)).toEqual(expected);
    } finally {
      await connection.close();
    }
  });

  it.runIf(process.env.TEST_DATABASE_URL)("holds on PostgreSQL with two application processes", { timeout: 240_000 }, async () => {
    expect(existsSync("build/server/index.js"), "build the application first (npm run build)").toBe(true);
    const database = await createTestDatabase("postgres");
    cleanups.push(() => database.close());
    const scenario = await prepare(database.db);
    const ports = [3800 + Math.floor(Math.random() * 100), 3900 + Math.floor(Math.random() * 100)];
    const servers = await Promise.all(ports.map((port) => startServer(port, { DATABASE_URL: database.url ?? "" })));
    cleanups.push(async () => void (await Promise.all(servers.map(stop))));
    const result = await rush(ports, scenario);
    expectEveryoneAnswered(result);
    expect(await outcome(database.db, scenario)).toEqual(expected);
  });
});
