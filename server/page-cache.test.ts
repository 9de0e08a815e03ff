import { describe, expect, it } from "vitest";
import { cacheQueryHeader, cacheSecondsHeader } from "~/lib/http.server";
import { PageCache } from "./page-cache";

function setUp(options: { checkIntervalMs?: number; maxVariantsPerPath?: number } = {}) {
  let version = "1";
  let now = 1_000_000;
  let renders = 0;
  const rendered: string[] = [];
  const cache = new PageCache({
    readVersion: async () => version,
    checkIntervalMs: options.checkIntervalMs ?? 0,
    maxVariantsPerPath: options.maxVariantsPerPath,
    clock: () => now,
  });
  // Like React Router: a HEAD gets the headers of the page and no body.
  const page = (init: { status?: number; seconds?: number; headers?: Record<string, string> } = {}) =>
    async (request: Request) => {
      renders += 1;
      const url = new URL(request.url);
      rendered.push(`${request.method} ${url.pathname}${url.search}`);
      return new Response(request.method === "HEAD" ? null : `page ${renders}`, {
        status: init.status ?? 200,
        headers: { "Content-Type": "text/html", ...(init.seconds ? { [cacheSecondsHeader]: String(init.seconds) } : {}), ...init.headers },
      });
    };
  return {
    cache,
    page,
    get renders() {
      return renders;
    },
    rendered,
    setVersion: (next: string) => (version = next),
    advance: (ms: number) => (now += ms),
  };
}

const get = (path: string, headers: Record<string, string> = {}) => new Request(`http://localhost${path}`, { headers });

describe("page cache", () => {
  it("neither serves nor keeps a preview, even of a path it has learnt, and keeps its parameter", async () => {
    const t = setUp();
    await t.cache.handle(get("/fr/2026"), t.page({ seconds: 60 }));
    const preview = await t.cache.handle(get("/fr/2026?preview=1"), t.page({ seconds: 60 }));
    expect(await preview.text()).toBe("page 2");
    expect(preview.headers.has(cacheSecondsHeader)).toBe(false);
    await t.cache.handle(get("/fr/2026?preview=1"), t.page({ seconds: 60 }));
    expect(t.renders).toBe(3);
    expect(t.rendered).toEqual(["GET /fr/2026", "GET /fr/2026?preview=1", "GET /fr/2026?preview=1"]);
    // The public page is still the one kept.
    expect(await (await t.cache.handle(get("/fr/2026"), t.page({ seconds: 60 }))).text()).toBe("page 1");
  });

  it("renders a page once and serves it again with an ETag, without the internal header", async () => {
    const t = setUp();
    const first = await t.cache.handle(get("/fr/2026"), t.page({ seconds: 60 }));
    const second = await t.cache.handle(get("/fr/2026"), t.page({ seconds: 60 }));
    expect(await first.text()).toBe("page 1");
    expect(await second.text()).toBe("page 1");
    expect(t.renders).toBe(1);
    expect(second.headers.get("etag")).toMatch(/^"1-/);
    expect(second.headers.has(cacheSecondsHeader)).toBe(false);
  });

  it("answers 304 to a request that has the current ETag", async () => {
    const t = setUp();
    const first = await t.cache.handle(get("/fr/2026"), t.page({ seconds: 60 }));
    const etag = first.headers.get("etag") ?? "";
    const revalidated = await t.cache.handle(get("/fr/2026", { "If-None-Match": etag }), t.page({ seconds: 60 }));
    expect(revalidated.status).toBe(304);
    expect(await revalidated.text()).toBe("");
    const stale = await t.cache.handle(get("/fr/2026", { "If-None-Match": '"0-old"' }), t.page({ seconds: 60 }));
    expect(stale.status).toBe(200);
  });

  it("renders again when content changes, so that an organiser's edit shows at once", async () => {
    const t = setUp();
    await t.cache.handle(get("/fr/2026"), t.page({ seconds: 3600 }));
    t.setVersion("2");
    const after = await t.cache.handle(get("/fr/2026"), t.page({ seconds: 3600 }));
    expect(await after.text()).toBe("page 2");
    expect(after.headers.get("etag")).toMatch(/^"2-/);
  });

  it("trusts the version it read for the check interval, unless invalidated locally", async () => {
    const t = setUp({ checkIntervalMs: 1000 });
    await t.cache.handle(get("/fr"), t.page({ seconds: 3600 }));
    t.setVersion("2");
    expect(await (await t.cache.handle(get("/fr"), t.page({ seconds: 3600 }))).text()).toBe("page 1");
    t.advance(1000);
    expect(await (await t.cache.handle(get("/fr"), t.page({ seconds: 3600 }))).text()).toBe("page 2");
    t.setVersion("3");
    t.cache.invalidate();
    expect(await (await t.cache.handle(get("/fr"), t.page({ seconds: 3600 }))).text()).toBe("page 3");
  });

  it("lets a page expire when its time is up (a registration window opening, say)", async () => {
    const t = setUp();
    await t.cache.handle(get("/en/2026"), t.page({ seconds: 10 }));
    t.advance(9_999);
    expect(await (await t.cache.handle(get("/en/2026"), t.page({ seconds: 10 }))).text()).toBe("page 1");
    t.advance(1);
    expect(await (await t.cache.handle(get("/en/2026"), t.page({ seconds: 10 }))).text()).toBe("page 2");
  });

  it("never keeps errors, pages that did not opt in, pages that set cookies, or other methods", async () => {
    const t = setUp();
    for (const render of [t.page({ status: 404, seconds: 60 }), t.page(), t.page({ seconds: 60, headers: { "Set-Cookie": "a=b" } })]) {
      await t.cache.handle(get("/x"), render);
      await t.cache.handle(get("/x"), render);
    }
    await t.cache.handle(new Request("http://localhost/x", { method: "POST" }), t.page({ seconds: 60 }));
    expect(t.renders).toBe(7);
    expect(t.cache.size).toBe(0);
  });

  it("keys pages by path and the query parameters they read", async () => {
    const t = setUp();
    const programme = t.page({ seconds: 60, headers: { [cacheQueryHeader]: "kind" } });
    await t.cache.handle(get("/fr/2026/programme?kind=b2b"), programme);
    await t.cache.handle(get("/fr/2026/programme"), programme);
    await t.cache.handle(get("/fr/2026/programme?kind=plenary"), programme);
    expect(t.renders).toBe(3);
    const again = await t.cache.handle(get("/fr/2026/programme?kind=b2b"), programme);
    expect(await again.text()).toBe("page 1");
    expect(t.renders).toBe(3);
    expect(t.cache.size).toBe(3);
  });

  it("keeps nothing from a HEAD, so that a HEAD cannot blank a page", async () => {
    const t = setUp();
    const head = await t.cache.handle(new Request("http://localhost/fr/2026", { method: "HEAD" }), t.page({ seconds: 60 }));
    expect(head.status).toBe(200);
    expect(head.headers.has(cacheSecondsHeader)).toBe(false);
    expect(t.cache.size).toBe(0);
    const page = await t.cache.handle(get("/fr/2026"), t.page({ seconds: 60 }));
    expect(await page.text()).toBe("page 2");
  });

  it("answers a HEAD from a page already kept, with its headers and no body", async () => {
    const t = setUp();
    const first = await t.cache.handle(get("/fr/2026"), t.page({ seconds: 60 }));
    const head = await t.cache.handle(new Request("http://localhost/fr/2026", { method: "HEAD" }), t.page({ seconds: 60 }));
    expect(t.renders).toBe(1);
    expect(head.status).toBe(200);
    expect(head.headers.get("etag")).toBe(first.headers.get("etag"));
    expect(await head.text()).toBe("");
    expect(await (await t.cache.handle(get("/fr/2026"), t.page({ seconds: 60 }))).text()).toBe("page 1");
  });

  it("maps every query string of a page to the parameters it reads, sorted, and renders that address", async () => {
    const t = setUp();
    const programme = t.page({ seconds: 60, headers: { [cacheQueryHeader]: "kind" } });
    await t.cache.handle(get("/fr/2026/programme"), programme);
    for (const search of ["?utm_source=x&kind=b2b", "?kind=b2b&kind=b2b&fbclid=1", "?kind=b2b"]) {
      expect(await (await t.cache.handle(get(`/fr/2026/programme${search}`), programme)).text(), search).toBe("page 2");
    }
    await t.cache.handle(get("/fr/2026/programme?kind=workshop&kind=b2b"), programme);
    expect(await (await t.cache.handle(get("/fr/2026/programme?kind=b2b&kind=workshop&x=1"), programme)).text()).toBe("page 3");
    expect(t.rendered).toEqual(["GET /fr/2026/programme", "GET /fr/2026/programme?kind=b2b", "GET /fr/2026/programme?kind=b2b&kind=workshop"]);
    expect(t.cache.size).toBe(3);
  });

  it("cannot be filled by inventing query strings", async () => {
    const t = setUp({ maxVariantsPerPath: 4 });
    const home = t.page({ seconds: 60 });
    const programme = t.page({ seconds: 60, headers: { [cacheQueryHeader]: "kind" } });
    for (let i = 0; i < 100; i += 1) {
      await t.cache.handle(get(`/fr/2026?nonce=${i}`), home);
      await t.cache.handle(get(`/fr/2026/programme?kind=k${i}`), programme);
    }
    // The home page reads no parameter: one entry, rendered once more to learn so.
    expect(t.rendered.filter((line) => line.startsWith("GET /fr/2026?") || line === "GET /fr/2026")).toEqual(["GET /fr/2026?nonce=0", "GET /fr/2026"]);
    // Values of a parameter the page reads: at most the variants allowed per path.
    expect(t.cache.size).toBe(1 + 4);
  });
});
