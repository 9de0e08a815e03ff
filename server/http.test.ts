import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stopServer, waitUntilUp } from "~/test/spawned-server";

// The built application as it runs in production (`npm start`, PGlite, no SMTP_URL), behind a
// TLS-terminating reverse proxy on this machine: PUBLIC_URL is the proxy's https address, the
// application hears plain http from it, and TRUSTED_PROXIES=1 trusts the address it forwards.

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

const folder = mkdtempSync(join(tmpdir(), "rencontres-http-"));
let appPort = 0;
let proxyPort = 0;
let certificate = "";
let app: ChildProcess | undefined;
let proxy: https.Server | undefined;

async function freePort(): Promise<number> {
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** A self-signed certificate for localhost, made by openssl (Node can read certificates but not make them). */
function makeCertificate(): { key: string; cert: string } {
  const key = join(folder, "key.pem");
  const cert = join(folder, "cert.pem");
  execFileSync("openssl", [
    "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
    "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", key, "-out", cert,
  ], { stdio: "ignore" });
  return { key: readFileSync(key, "utf8"), cert: readFileSync(cert, "utf8") };
}

/** What nginx's `proxy_pass` does with `proxy_set_header Host $host` and X-Forwarded-For/Proto. */
function startProxy(tls: { key: string; cert: string }): Promise<https.Server> {
  const server = https.createServer(tls, (request, response) => {
    const forwardedFor = [request.headers["x-forwarded-for"], request.socket.remoteAddress].filter(Boolean).join(", ");
    const upstream = http.request(
      {
        host: "127.0.0.1",
        port: appPort,
        method: request.method,
        path: request.url,
        headers: { ...request.headers, "x-forwarded-for": forwardedFor, "x-forwarded-proto": "https" },
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on("error", () => response.destroy());
    request.pipe(upstream);
  });
  return new Promise((resolve) => server.listen(proxyPort, "127.0.0.1", () => resolve(server)));
}

function collect(request: http.ClientRequest, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    request.on("response", (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (text += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }));
    });
    request.on("error", reject);
    request.end(body);
  });
}

/** A request through the proxy, as a browser at PUBLIC_URL sends it. */
function viaProxy(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  const request = https.request({
    host: "127.0.0.1",
    port: proxyPort,
    servername: "localhost",
    ca: certificate,
    method: options.method ?? "GET",
    path,
    headers: { Host: `localhost:${proxyPort}`, ...options.headers },
  });
  return collect(request, options.body);
}

/** A request straight to the application, as a proxy on this machine (or anyone on it) sends it. */
function direct(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  const request = http.request({ host: "127.0.0.1", port: appPort, method: options.method ?? "GET", path, headers: options.headers });
  return collect(request, options.body);
}

const form = (fields: Record<string, string>) => ({
  method: "POST",
  headers: { Origin: `https://localhost:${proxyPort}`, "Content-Type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams(fields).toString(),
});

beforeAll(async () => {
  expect(existsSync("build/server/index.js"), "build the application first (npm run build)").toBe(true);
  const tls = makeCertificate();
  certificate = tls.cert;
  appPort = await freePort();
  proxyPort = await freePort();
  proxy = await startProxy(tls);
  app = spawn(process.execPath, ["server.js"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(appPort),
      HOST: "127.0.0.1",
      PUBLIC_URL: `https://localhost:${proxyPort}`,
      TRUSTED_PROXIES: "1",
      DATA_DIR: join(folder, "pglite"),
      DATABASE_URL: "",
      SMTP_URL: "",
      DEMO_DATA: "true",
    },
  });
  await waitUntilUp(() => direct("/fr").then((answer) => answer.status === 200));
}, 90_000);

afterAll(async () => {
  await stopServer(app);
  await new Promise((resolve) => (proxy ? proxy.close(resolve) : resolve(undefined)));
  rmSync(folder, { recursive: true, force: true });
});

describe("the built application behind a TLS-terminating proxy", () => {
  it("signs a person in: link requested, read in the development mailbox, button pressed, signed in", async () => {
    const signInPage = await viaProxy("/fr/connexion");
    expect(signInPage.status).toBe(200);
    expect(signInPage.headers["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");

    const sent = await viaProxy("/fr/connexion", form({ email: "behind-tls@example.org" }));
    expect(sent.status).toBe(200);
    expect(sent.body).toContain("Consultez votre messagerie");

    // The proxy forwards this machine's address: the mailbox is there for it.
    const mailbox = await viaProxy("/dev/mailbox");
    expect(mailbox.status).toBe(200);
    const messageId = /href="\/dev\/mailbox\/(\d+)"/.exec(mailbox.body)?.[1];
    const message = await viaProxy(`/dev/mailbox/${messageId}`);
    expect(message.body).toContain("behind-tls@example.org");
    const token = /token=([A-Za-z0-9_-]{43})/.exec(message.body)?.[1];
    if (!token) throw new Error("no sign-in link in the e-mail");
    expect(message.body).toContain(`https://localhost:${proxyPort}/fr/connexion/lien?token=${token}`);

    expect((await viaProxy(`/fr/connexion/lien?token=${token}`)).status).toBe(200);
    const signedIn = await viaProxy("/fr/connexion/lien", form({ token }));
    expect(signedIn.status).toBe(303);
    // Without a return path, a person signed in lands in their space.
    expect(signedIn.headers.location).toBe("/fr/espace");
    const cookie = signedIn.headers["set-cookie"]?.[0] ?? "";
    expect(cookie).toMatch(/^__Host-rencontres_session=[\w-]{43}; Path=\/;.*; Secure$/);

    const space = await viaProxy("/fr/espace", { headers: { Cookie: cookie.split(";")[0] ?? "" } });
    expect(space.status).toBe(200);
    expect(space.body).toContain("behind-tls@example.org");
    expect(space.body).toContain("Se déconnecter");
  });

  it("keeps the development mailbox from a visitor whom the proxy forwards from elsewhere", async () => {
    expect((await direct("/dev/mailbox", { headers: { "X-Forwarded-For": "203.0.113.5" } })).status).toBe(404);
    expect((await direct("/dev/mailbox/1", { headers: { "X-Forwarded-For": "2001:db8::5" } })).status).toBe(404);
    expect((await direct("/dev/mailbox", { headers: { "X-Forwarded-For": "127.0.0.1" } })).status).toBe(200);
  });
});

describe("the built application's answers", () => {
  it("sends no X-Powered-By, HTML with its charset, and the browser policies", async () => {
    for (const path of ["/fr/2026", "/favicon.svg", "/nowhere"]) {
      const answer = await direct(path);
      expect(answer.headers["x-powered-by"], path).toBeUndefined();
      expect(answer.headers["permissions-policy"], path).toMatch(/^camera=\(self\), microphone=\(\), geolocation=\(\)/);
      expect(answer.headers["cross-origin-opener-policy"], path).toBe("same-origin");
    }
    expect((await direct("/fr/2026")).headers["content-type"]).toBe("text/html; charset=utf-8");
    expect((await direct("/nowhere")).headers["content-type"]).toBe("text/html; charset=utf-8");
    const trace = await direct("/fr/connexion", { method: "TRACE" });
    expect(trace.headers["x-powered-by"]).toBeUndefined();
    expect(trace.headers["cross-origin-opener-policy"]).toBe("same-origin");
  });

  it("serves a whole page after a HEAD of it", async () => {
    const head = await direct("/en/2025", { method: "HEAD" });
    expect(head.status).toBe(200);
    const page = await direct("/en/2025");
    expect(page.status).toBe(200);
    expect(page.body).toContain("</html>");
  });

  it("answers 405 to TRACE, 415 to a POST that is not a form, 400 to a broken one, never 500", async () => {
    const trace = await direct("/fr/connexion", { method: "TRACE" });
    expect(trace.status).toBe(405);
    expect(trace.headers.allow).toBe("GET, HEAD, POST");
    const post = (type: string, body: string) => direct("/fr/connexion", { method: "POST", headers: { "Content-Type": type }, body });
    expect((await post("text/plain", "email=a@example.org")).status).toBe(415);
    expect((await post("application/json", '{"email":"a@example.org"}')).status).toBe(415);
    const broken = await post("multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data\r\n");
    expect(broken.status).toBe(400);
    expect(broken.body).toContain("Formulaire incompris");
  });

  it("answers 413 to a declared 50 MB body without waiting for it", async () => {
    const request = http.request({
      host: "127.0.0.1",
      port: appPort,
      method: "POST",
      path: "/fr/connexion",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": String(50 * 1024 * 1024) },
    });
    request.flushHeaders();
    const status = await new Promise<number>((resolve, reject) => {
      request.on("response", (response) => resolve(response.statusCode ?? 0));
      request.on("error", reject);
    });
    request.destroy();
    expect(status).toBe(413);
  });

  /**
   * Sends a form body of `megabytes` in chunks, never ending it, while listening: the status of
   * the answer, whether the server hung up (a reset, or a close before the client stopped), how
   * many bytes were written.
   */
  async function sendEndlessForm(megabytes: number): Promise<{ status: number | "no answer"; hungUp: boolean; written: number }> {
    const request = http.request({
      host: "127.0.0.1",
      port: appPort,
      method: "POST",
      path: "/fr/connexion",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Transfer-Encoding": "chunked" },
    });
    let hungUp = false;
    const ended = new Promise<void>((resolve) => {
      const hangUp = () => {
        hungUp = true;
        resolve();
      };
      request.on("error", hangUp);
      request.on("close", hangUp);
    });
    const status = new Promise<number>((resolve) => {
      request.on("response", (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
    });
    request.write("email=");
    const chunk = Buffer.alloc(64 * 1024, "a");
    let written = 0;
    while (written < megabytes * 1024 * 1024 && !hungUp) {
      written += chunk.byteLength;
      if (!request.write(chunk)) await Promise.race([new Promise((resolve) => request.once("drain", resolve)), ended]);
    }
    const answer = await Promise.race([status, new Promise<"no answer">((resolve) => setTimeout(() => resolve("no answer"), 15_000))]);
    const hungUpWhileSending = hungUp;
    request.destroy();
    return { status: answer, hungUp: hungUpWhileSending, written };
  }

  it("answers 413 to a chunked body as soon as it passes 1 MB, without waiting for its end, and never resets a client still sending", async () => {
    // 3 MB of a body that never ends: a server reading it whole would never answer, and one that
    // hung up at once would reset the connection under the client's writes, often losing the answer.
    const answer = await sendEndlessForm(3);
    expect(answer).toEqual({ status: 413, hungUp: false, written: 3 * 1024 * 1024 });
  });

  it("answers 413 to a body declared too long, and lets the client send it whole rather than resetting it", async () => {
    // Refused on its Content-Length before a byte is read; the 7 MB that follow are discarded.
    const request = http.request({
      host: "127.0.0.1",
      port: appPort,
      method: "POST",
      path: "/fr/connexion",
      agent: false,
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    const answer = await collect(request, "email=" + "a".repeat(7 * 1024 * 1024)).then(
      (reply) => reply.status,
      (error: Error) => error.message,
    );
    expect(answer).toBe(413);
  });

  it("hangs up on a refused body that goes on for too long", async () => {
    // Whether this client reads the 413 before the reset reaches it is a race: a client that
    // sends 128 MB after its answer came is not one to wait for.
    const answer = await sendEndlessForm(128);
    expect(answer.hungUp).toBe(true);
    expect(answer.written).toBeLessThan(64 * 1024 * 1024);
  });

  it("takes a multipart body of a few megabytes on a page that uploads images only, and still refuses one past its limit", async () => {
    const multipart = (path: string, megabytes: number) => {
      const boundary = "upload-boundary";
      const body = [
        `--${boundary}\r\nContent-Disposition: form-data; name="intent"\r\n\r\ncreate_supporter\r\n`,
        `--${boundary}\r\nContent-Disposition: form-data; name="logo"; filename="logo.png"\r\nContent-Type: image/png\r\n\r\n`,
        "a".repeat(megabytes * 1024 * 1024),
        `\r\n--${boundary}--\r\n`,
      ].join("");
      // A connection of its own: one that answered 413 before its body was read is not reused.
      const request = http.request({ host: "127.0.0.1", port: appPort, method: "POST", path, agent: false, headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` } });
      return collect(request, body);
    };
    // Past the gate, the page itself answers: an anonymous visitor is sent to sign in.
    const statuses = [];
    for (const [path, size] of [["/en/2026/organisers/partners", 3], ["/en/2026/organisers/partners", 7], ["/en/2026/organisers", 3], ["/fr/connexion", 3]] as const) {
      statuses.push(await multipart(path, size).then((answer) => answer.status, (error: Error) => `${path} ${size}: ${error.message}`));
    }
    expect(statuses).toEqual([302, 413, 413, 413]);
  });
});

