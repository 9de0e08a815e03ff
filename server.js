// Starts the application: `node server.js` serves the production build, `--dev` runs Vite in
// development mode. Settings come from the environment or a .env file (see .env.example).
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

if (existsSync(".env")) process.loadEnvFile(".env");
const dev = process.argv.includes("--dev");
// React and React Router pick their production builds from NODE_ENV: set it before loading them.
process.env.NODE_ENV ??= dev ? "development" : "production";
const clientDir = fileURLToPath(new URL("./build/client", import.meta.url));

let server;
let vite;
if (dev) {
  const { createServer } = await import("vite");
  vite = await createServer({ server: { middlewareMode: true } });
  server = await vite.ssrLoadModule("./server/app.ts");
} else {
  if (!existsSync("./build/server/index.js")) {
    console.error("No build found: run `npm run build` first (`npm start` does it for you).");
    process.exit(1);
  }
  // React Router's package resolves to its development build unless told otherwise.
  const { register } = await import("node:module");
  register("./server/production-modules.js", import.meta.url);
  server = await import("./build/server/index.js");
}

let env;
try {
  env = server.readEnvironment({ NODE_ENV: dev ? "development" : "production", ...process.env });
} catch (error) {
  console.error(error.message);
  process.exit(1);
}

const connection = await server.prepareDatabase(env);
// Sends the outbox through SMTP_URL; without it, e-mails wait in the development mailbox.
const stopMailWorker = server.startMailWorker({ db: connection.db, env, intervalMs: 5000 });
// Deletes expired sign-in links and sessions, past rate-limit windows and old sent e-mails, hourly.
// Then lets PGlite vacuum and analyze, which PostgreSQL's autovacuum does on a server.
const stopPurge = server.startPurge({ db: connection.db, now: server.applicationClock(env.CLOCK_AT), maintain: connection.maintain });
// Anonymises the registrations of editions past their retention period, daily.
const stopRetention = server.startRetention({ db: connection.db, now: server.applicationClock(env.CLOCK_AT) });
// Starts reminders at their time and puts messages to participants in the outbox, which the mail worker sends.
const stopMessages = server.startMessages({
  db: connection.db,
  now: server.applicationClock(env.CLOCK_AT),
  publicUrl: env.PUBLIC_URL,
});
const { app } = server.createApplication({ env, connection, clientDir, dev });
const express = (await import("express")).default;
const root = express();
root.disable("x-powered-by");
if (vite) root.use(vite.middlewares);
root.use(app);

const listener = root.listen(env.PORT, env.HOST, () => {
  const where = env.DATABASE_URL ? "PostgreSQL" : `PGlite in ${env.DATA_DIR}`;
  console.log(`Rencontres listening on http://localhost:${env.PORT} (${where})`);
  if (!env.SMTP_URL) {
    console.log(
      `No SMTP_URL: e-mails are not sent; they wait at http://localhost:${env.PORT}/dev/mailbox, readable only from this machine (loopback)`,
    );
  }
});

async function shutdown() {
  listener.close();
  await stopMailWorker?.();
  await stopPurge();
  await stopRetention();
  await stopMessages();
  await connection.close();
  await vite?.close();
  process.exit(0);
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
