import "~/context";
import { createRequestListener, sendResponse, type ClientAddress } from "@remix-run/node-fetch-server";
import express from "express";
import { readdirSync } from "node:fs";
import { createRequestHandler, type RequestHandler } from "react-router";
import type { AppContext } from "~/context";
import type { Connection } from "~/db/connection.server";
import { clientAddress } from "~/features/accounts/client-address";
import { publishedEditionYears } from "~/features/editions/editions.server";
import { bumpContentVersion, readContentVersion } from "~/features/site/content-version.server";
import type { Environment } from "~/lib/env.server";
import { PageCache } from "./page-cache";
import { admitRequest, lingerOverUnreadBody, refuseMethod } from "./request-gate";
import { securityHeaders } from "./security-headers";

export { startMailWorker } from "~/features/mail/worker.server";
export { startPurge } from "~/features/maintenance/purge.server";
export { startRetention } from "~/features/settings/retention.server";
export { startMessages } from "~/features/messages/messages.server";
export { readEnvironment } from "~/lib/env.server";

export { prepareDatabase } from "~/db/prepare.server";
export { grantRole } from "~/features/organisers/team.server";

/**
 * The application's clock: the real one, or one that starts at CLOCK_AT and runs on from there,
 * to rehearse an edition (registration opening, say) before the day.
 */
export function applicationClock(startAt: Date | undefined): () => Date {
  if (!startAt) return () => new Date();
  const offset = startAt.getTime() - Date.now();
  return () => new Date(Date.now() + offset);
}

/** HTML declares its encoding in the header, so that no browser has to guess it. */
function withCharset(response: Response): Response {
  if (!/^text\/html\s*$/i.test(response.headers.get("Content-Type") ?? "")) return response;
  const headers = new Headers(response.headers);
  headers.set("Content-Type", "text/html; charset=utf-8");
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/**
 * A HEAD rendered as the GET it stands for, its body dropped: React Router's default answer to the
 * HEAD of a page skips the render, and with it the Content-Type a GET carries (RFC 9110 asks for
 * the same header fields).
 */
async function asGetWithoutBody(request: Request, render: (request: Request) => Promise<Response>): Promise<Response> {
  if (request.method !== "HEAD") return render(request);
  const response = await render(new Request(request.url, { method: "GET", headers: request.headers, signal: request.signal }));
  await response.body?.cancel();
  return new Response(null, { status: response.status, statusText: response.statusText, headers: response.headers });
}

/** The whole web application: static files, then cached pages rendered by React Router. */
export function createApplication(options: { env: Environment; connection: Connection; clientDir: string; dev?: boolean }) {
  const { env, connection, clientDir } = options;
  const db = connection.db;
  const pageCache = new PageCache({ readVersion: () => readContentVersion(db), checkIntervalMs: env.PAGE_CACHE_CHECK_MS });
  // Every page's header lists the published editions: read once per content version (publishing
  // an edition changes it), not once per request; a failed read is not kept.
  let years: { version: string; read: Promise<number[]> } | undefined;
  const publishedYears = async () => {
    const version = await pageCache.currentVersion();
    if (years?.version !== version) {
      const read = publishedEditionYears(db);
      years = { version, read };
      read.catch(() => {
        if (years?.read === read) years = undefined;
      });
    }
    return years.read;
  };
  // The same for every request; each request adds its own client address.
  const context: Pick<AppContext, "db" | "env" | "now" | "contentChanged" | "publishedYears"> = {
    db,
    env,
    now: applicationClock(env.CLOCK_AT),
    publishedYears,
    contentChanged: async () => {
      await bumpContentVersion(db);
      pageCache.invalidate();
    },
  };
  // Development passes a function, for Vite's reloads; React Router then derives its routes from
  // the build again on every request. In production the build is loaded once and passed itself:
  // that derivation was about a twentieth of a request's CPU.
  let production: Promise<RequestHandler> | undefined;
  const handleRequest: RequestHandler = options.dev
    ? createRequestHandler(() => import("virtual:react-router/server-build"), "development")
    : async (request, loadContext) =>
        (await (production ??= import("virtual:react-router/server-build").then((build) => createRequestHandler(build, "production"))))(
          request,
          loadContext,
        );
  const app = express();
  app.disable("x-powered-by");
  app.use(lingerOverUnreadBody);
  if (!options.dev) app.use(securityHeaders(env));
  // Before any route: a TRACE would otherwise fail to become a fetch Request, and answer 500.
  app.use((request, response, next) => {
    const refusal = refuseMethod(request.method, request.path, request.headers["accept-language"] ?? null);
    if (refusal) void sendResponse(response, refusal);
    else next();
  });
  if (!options.dev) {
    app.use("/assets", express.static(`${clientDir}/assets`, { immutable: true, maxAge: "1y", index: false }));
    // Only the few files at the top of the build (favicon, scripts): a page's address is not
    // looked for on disk first.
    const topFiles = new Set(readdirSync(clientDir).map((name) => `/${name}`));
    const serveTopFile = express.static(clientDir, { maxAge: "1h", index: false });
    app.use((request, response, next) => (topFiles.has(request.path) ? serveTopFile(request, response, next) : next()));
  }
  // Requests are addressed to PUBLIC_URL whatever the socket: behind a TLS-terminating proxy the
  // application hears http, yet browsers post from the https origin that the CSRF check expects.
  const publicUrl = new URL(env.PUBLIC_URL);
  app.use(
    createRequestListener(
      async (incoming: Request, client: ClientAddress) => {
        const request = await admitRequest(incoming);
        if (request instanceof Response) return request;
        return pageCache.handle(request, (page) =>
          asGetWithoutBody(page, async (rendered) =>
            withCharset(
              await handleRequest(rendered, {
                ...context,
                clientAddress: clientAddress(client.address, request.headers.get("X-Forwarded-For"), env.TRUSTED_PROXIES),
              }),
            ),
          ),
        );
      },
      { protocol: publicUrl.protocol, host: publicUrl.host },
    ),
  );
  return { app, pageCache, context };
}
