// The registrations table under ten organisers at once, on an edition of 5,000 registrations:
// each sends searches (accents left out, as people type them), filters with their NOT, sorts and
// pages, one request after another; p50, p95 and max over all of them against the 100 ms target,
// for whole pages (without JavaScript) and for the data requests of search as you type.
// Runs the built application on PGlite, or on BENCH_DATABASE_URL (an empty PostgreSQL database).
import { readTableView, tableQuery } from "~/features/desk/table-url";
import { paths } from "~/lib/paths";
import { cpus } from "node:os";
import { databaseName, databaseUrl, machineCpu, percentile, postgresCpuSeconds, withBusyEdition } from "./busy-edition";

const registrations = 5000;
const organisers = 10;
const requestsEach = 100;
const targetMs = 100;

/** What organisers ask the table, each in the one address the table keeps for it. */
const views = [
  "q=sao+paulo",
  "q=lefevre",
  "q=nguyen+4",
  "q=collectivite+12",
  "q=B26-0042",
  "q=%25_%27%5C",
  "status=pending",
  "not_status=cancelled&country=SN&country=BF",
  "origin=foreign&not_workshop=any",
  "q=lodz&sort=name&dir=asc",
  "category=speaker&sort=organisation&dir=asc&page=3",
  "match=any&country=JP&organisation_type=ngo&sort=country&dir=desc",
  "q=prenom1&not_status=waitlisted&page=2",
  "sort=status&dir=asc&page=40",
].map((view) => tableQuery(readTableView(new URLSearchParams(view))).slice(1));

/**
 * The two ways a search reaches the server: without JavaScript the browser asks for the whole
 * page; with it, the table searches as the organiser types and asks for the loaders' data only
 * (React Router's single fetch: the page's address with ".data", as its client sends it).
 */
const modes = [
  { mode: "page (without JavaScript)", suffix: "" },
  { mode: "as typed (with JavaScript)", suffix: ".data" },
];

await withBusyEdition({ port: Number(process.env.BENCH_PORT ?? 3395), registrations, staff: organisers }, async ({ origin, cookies, serverCpuSeconds }) => {
  const table = origin + paths.backOffice("fr", 2026, "registrations");
  const get = async (cookie: string, address: string) => {
    const started = performance.now();
    const response = await fetch(address, { headers: { Cookie: cookie }, redirect: "manual" });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${address} answered ${response.status}`);
    return performance.now() - started;
  };
  const rows = [];
  let postgres = "";
  for (const { mode, suffix } of modes) {
    const address = (view: string) => `${table}${suffix}?${view}`;
    for (const view of views) await get(cookies[0]!, address(view));
    const latencies: number[] = [];
    const before = { server: serverCpuSeconds(), postgres: postgresCpuSeconds(), machine: machineCpu() };
    const started = performance.now();
    await Promise.all(
      cookies.map(async (cookie, organiser) => {
        for (let i = 0; i < requestsEach; i++) latencies.push(await get(cookie, address(views[(organiser * 7 + i) % views.length]!)));
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const machine = machineCpu();
    const perRequestMs = (cpuSeconds: number) => Math.round((cpuSeconds * 10_000) / latencies.length) / 10;
    latencies.sort((a, b) => a - b);
    const p95 = percentile(latencies, 0.95);
    // The machine may be shared: its load, and PostgreSQL's CPU (every database of the server), say how far to trust the latencies.
    const busy = (100 * (machine.busy - before.machine.busy)) / Math.max(1, machine.total - before.machine.total);
    rows.push({
      search: mode,
      requests: latencies.length,
      "per second": Math.round(latencies.length / seconds),
      "p50 (ms)": percentile(latencies, 0.5),
      "p95 (ms)": p95,
      "max (ms)": Math.round(latencies.at(-1) ?? 0),
      [`p95 < ${targetMs} ms`]: p95 < targetMs ? "yes" : "NO",
      "server CPU ms/request": perRequestMs(serverCpuSeconds() - before.server),
      "machine busy": `${busy.toFixed(0)}%`,
    });
    if (databaseUrl) postgres += ` ${mode}: ${perRequestMs(postgresCpuSeconds() - before.postgres)} ms;`;
  }
  console.log(`registrations table, ${registrations} registrations, ${organisers} organisers at once, ${requestsEach} requests each, on ${databaseName}`);
  console.table(rows);
  console.log(`machine: ${cpus().length} cores, busy counts every process` + (postgres ? `; PostgreSQL CPU per request (every database of the server):${postgres}` : ""));
});
