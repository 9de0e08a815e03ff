// Times every page of the back office, a person's page and the registration form on an edition of 5,000 registrations: an organiser opens
// each page 100 times after a warm-up, one request at a time (a person, not a crowd); p50, p95 and
// max are printed per page against the 100 ms target. Runs the built application on PGlite, or
// on BENCH_DATABASE_URL (an empty PostgreSQL database).
import { backOfficeSections } from "~/features/organisers/sections";
import { paths } from "~/lib/paths";
import { databaseName, percentile, withBusyEdition } from "./busy-edition";

const registrations = 5000;
const requestsPerPage = 100;
const targetMs = 100;

await withBusyEdition({ port: Number(process.env.BENCH_PORT ?? 3390), registrations, staff: 1 }, async ({ origin, cookies: [cookie], waitlistedId }) => {
  const pages = [
    ...backOfficeSections.map((section) => paths.backOffice("fr", 2026, section.key)),
    paths.backOfficeRegistration("fr", 2026, waitlistedId),
    paths.backOfficeNewRegistration("fr", 2026),
  ];
  const rows = [];
  for (const path of pages) {
    const get = async () => {
      const started = performance.now();
      const response = await fetch(origin + path, { headers: { Cookie: cookie! }, redirect: "manual" });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
      return performance.now() - started;
    };
    for (let i = 0; i < 10; i++) await get();
    const latencies: number[] = [];
    for (let i = 0; i < requestsPerPage; i++) latencies.push(await get());
    latencies.sort((a, b) => a - b);
    const p95 = percentile(latencies, 0.95);
    rows.push({ page: path, "p50 (ms)": percentile(latencies, 0.5), "p95 (ms)": p95, "max (ms)": Math.round(latencies.at(-1) ?? 0), [`p95 < ${targetMs} ms`]: p95 < targetMs ? "yes" : "NO" });
  }
  console.log(`back office, ${registrations} registrations in 2026, ${requestsPerPage} requests per page one at a time, on ${databaseName}`);
  console.table(rows);
});
