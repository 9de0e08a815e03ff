import { describe, expect, it } from "vitest";
import routes from "~/routes";
import { openSignInSession } from "~/features/accounts/sign-in-sessions.server";
import { databaseKinds, useTestDatabase } from "~/test/database";
import { createPerson, createStaff } from "~/test/factories";
import type { StaffRole } from "./roles";

// Every back-office route of the application, found in the route configuration (whatever is
// added later is tried too), asked as people who must not get in: each answer is the sign-in
// page or a 404, and nothing in the database changes.

const publicUrl = "http://localhost:3000";
const now = new Date("2026-05-01T10:00:00Z");

interface RouteEntry {
  id?: string;
  path?: string;
  file: string;
  children?: RouteEntry[];
}
const flatten = (entries: RouteEntry[]): RouteEntry[] => entries.flatMap((entry) => [entry, ...flatten(entry.children ?? [])]);
// French paths are enough: the English ones are the same modules.
const backOfficeRoutes = flatten(routes as RouteEntry[]).filter((entry) => entry.path?.startsWith("fr/") && entry.path.split("/").includes("organisation"));

/** The roles that may open a route by design, from its path: partners read figures, the desk checks in. */
function legitimateRoles(path: string): StaffRole[] {
  if (path.includes("chiffres")) return ["partner"];
  if (path.includes("accueil")) return ["checkin"];
  return [];
}

/** The route's path with its parameters filled: the 2026 edition, and ids that exist nowhere or elsewhere. */
const concrete = (path: string) => "/" + path.replace(":year", "2026").replace(/:[a-zA-Z]+\??/g, "1");

type Answer = number;
async function statusOf(run: () => Promise<unknown>): Promise<Answer> {
  try {
    const result = await run();
    if (result instanceof Response) return result.status;
    if (result && typeof result === "object" && "init" in result) return (result.init as ResponseInit | null)?.status ?? 200;
    return 200;
  } catch (error) {
    if (error instanceof Response) return error.status;
    if (error && typeof error === "object" && "init" in error) return (error.init as ResponseInit | null)?.status ?? 500;
    throw error;
  }
}

describe.each(databaseKinds)("the back office's routes asked by intruders on %s", (kind) => {
  const database = useTestDatabase(kind, { demo: true });
  const db = () => database().db;

  /** Row counts of what a back-office action could change: any change shows in one of them or in the log. */
  async function footprint() {
    const tables = ["audit_log", "edition", "session", "registration", "staff_role", "mail_outbox", "wish_round", "supporter", "speaker"] as const;
    const counts: Record<string, number> = {};
    for (const table of tables) {
      const { count } = await db().selectFrom(table).select((eb) => eb.fn.countAll<string>().as("count")).executeTakeFirstOrThrow();
      counts[table] = Number(count);
    }
    const statuses = await db().selectFrom("registration").select(["id", "status"]).orderBy("id").execute();
    return { counts, statuses };
  }

  it("finds the back-office routes to try", () => {
    expect(backOfficeRoutes.length).toBeGreaterThanOrEqual(2);
  });

  it("answers every loader and action with the sign-in page or 404, and changes nothing", async () => {
    const intruders: { name: string; cookie?: string; csrf?: string; role?: StaffRole }[] = [{ name: "anonymous" }];
    const signedIn = async (name: string, person: { id: number }, role?: StaffRole) => {
      const { token } = await openSignInSession(db(), person.id, now);
      // A fresh second factor: the role, not the factor, is what must keep them out.
      const session = await db()
        .updateTable("auth_session")
        .set({ second_factor_at: now })
        .where("person_id", "=", person.id)
        .returning("csrf_token")
        .executeTakeFirstOrThrow();
      intruders.push({ name, cookie: `rencontres_session=${token}`, csrf: session.csrf_token, role });
    };
    await signedIn("participant", await createPerson(db()));
    await signedIn("organiser of 2025", await createStaff(db(), "organiser", 2025), "organiser");
    await signedIn("check-in of 2026", await createStaff(db(), "checkin", 2026), "checkin");
    await signedIn("partner of 2026", await createStaff(db(), "partner", 2026), "partner");
    const before = await footprint();

    for (const route of backOfficeRoutes) {
      const path = concrete(route.path!);
      const module = (await import(`../../${route.file.replace(/\.tsx?$/, "")}`)) as { loader?: (args: never) => Promise<unknown>; action?: (args: never) => Promise<unknown> };
      const yearless = !route.path!.includes(":year");
      for (const intruder of intruders) {
        if (intruder.role && legitimateRoles(route.path!).includes(intruder.role)) continue;
        // A page without an edition (the list of one's editions, one's second factors) is open to
        // whoever holds a role anywhere.
        if (yearless && intruder.role !== undefined) continue;
        const expected = intruder.cookie ? [404] : [302];
        const args = (method: "GET" | "POST") => {
          const headers: Record<string, string> = { Origin: publicUrl };
          if (intruder.cookie) headers.Cookie = intruder.cookie;
          const body = method === "POST" ? new URLSearchParams({ csrf: intruder.csrf ?? "", intent: "save" }) : undefined;
          const request = new Request(publicUrl + path, { method, headers, body });
          const params = Object.fromEntries((route.path!.match(/:[a-zA-Z]+/g) ?? []).map((name) => [name.slice(1), name === ":year" ? "2026" : "1"]));
          return { request, params, context: { db: db(), env: { PUBLIC_URL: publicUrl }, now: () => now, contentChanged: async () => undefined, clientAddress: "127.0.0.1" } } as never;
        };
        if (module.loader) expect([path, "GET", intruder.name, await statusOf(() => module.loader!(args("GET")))]).toEqual([path, "GET", intruder.name, expect.toBeOneOf(expected)]);
        if (module.action) expect([path, "POST", intruder.name, await statusOf(() => module.action!(args("POST")))]).toEqual([path, "POST", intruder.name, expect.toBeOneOf(expected)]);
      }
    }
    expect(await footprint()).toEqual(before);
  });
});
