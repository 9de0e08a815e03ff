import "~/context";
import { createRequestListener, type ClientAddress } from "@remix-run/node-fetch-server";
import express, { type RequestHandler } from "express";
import { createRequestHandler } from "react-router";
import type { AppContext } from "~/context";
import { openPglite, openPostgres, type Connection } from "~/db/connection.server";
import { migrate } from "~/db/migrate.server";
import { clientAddress } from "~/features/accounts/client-address";
import { loadDemoData } from "~/features/editions/demo-data.server";
import { bumpContentVersion, readContentVersion } from "~/features/site/content-version.server";
import type { Environment } from "~/lib/env.server";
import { PageCache } from "./page-cache";

export { startMailWorker } from "~/features/mail/worker.server";
export { startPurge } from "~/features/maintenance/purge.server";
export { readEnvironment } from "~/lib/env.server";

/** Opens the configured database and brings its schema (and, when asked, the demo) up to date. */
export async function prepareDatabase(env: Environment): Promise<Connection> {
  const connection = env.DATABASE_URL
    ? await openPostgres(env.DATABASE_URL, env.DATABASE_POOL_SIZE)
    : await openPglite(env.DATA_DIR);
  await migrate(connection);
  if (env.DEMO_DATA) await loadDemoData(connection.db);
  return connection;
}

/**
 * The application's clock: the real one, or one that starts at CLOCK_AT and runs on from there,
 * to rehearse an edition (registration opening, say) before the day.
 */
export function applicationClock(startAt: Date | undefined): () => Date {
  if (!startAt) return () => new Date();
  const offset = startAt.getTime() - Date.now();
  return () => new Date(Date.now() + offset);
}

const securityHeaders: RequestHandler = (_request, response, next) => {
  response.setHeader("X-Content-Type-Options", "nosniff");
  response.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
  // Pages ship no inline script; a route that hydrates must bring a nonce along with it.
  response.setHeader(
    "Content-Security-Policy",
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
  );
  next();
};

/** The whole web application: static files, then cached pages rendered by React Router. */
export function createApplication(options: { env: Environment; connection: Connection; clientDir: string; dev?: boolean }) {
  const { env, connection, clientDir } = options;
  const db = connection.db;
  const pageCache = new PageCache({ readVersion: () => readContentVersion(db), checkIntervalMs: env.PAGE_CACHE_CHECK_MS });
  // The same for every request; each request adds its own client address.
  const context: Pick<AppContext, "db" | "env" | "now" | "contentChanged"> = {
    db,
    env,
    now: applicationClock(env.CLOCK_AT),
    contentChanged: async () => {
      await bumpContentVersion(db);
      pageCache.invalidate();
    },
  };
  const handleRequest = createRequestHandler(
    () => import("virtual:react-router/server-build"),
    options.dev ? "development" : "production",
  );
  const app = express();
  app.disable("x-powered-by");
  if (!options.dev) {
    app.use(securityHeaders);
    app.use("/assets", express.static(`${clientDir}/assets`, { immutable: true, maxAge: "1y", index: false }));
    app.use(express.static(clientDir, { maxAge: "1h", index: false }));
  }
  app.use(
    createRequestListener((request: Request, client: ClientAddress) =>
      pageCache.handle(request, (page) =>
        handleRequest(page, {
          ...context,
          clientAddress: clientAddress(client.address, request.headers.get("X-Forwarded-For"), env.TRUSTED_PROXIES),
        }),
      ),
    ),
  );
  return { app, pageCache, context };
}
