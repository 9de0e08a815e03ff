import { describe, expect, it } from "vitest";
import { cacheSecondsHeader } from "~/lib/http.server";
import { PageCache } from "./page-cache";

function setUp(options: { checkIntervalMs?: number } = {}) {
  let version = "1";
  let now = 1_000_000;
  let renders = 0;
  const cache = new PageCache({
    readVersion: async () => version,
    checkIntervalMs: options.checkIntervalMs ?? 0,
    clock: () => now,
  });
  const page = (init: { status?: number; seconds?: number; headers?: Record<string, string> } = {}) =>
    async () => {
      renders += 1;
      return new Response(`page ${renders}`, {
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
    setVersion: (next: string) => (version = next),
    advance: (ms: number) => (now += ms),
  };
}

const get = (path: string, headers: Record<string, string> = {}) => new Request(`http://localhost${path}`, { headers });

describe("page cache", () => {
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

  it("keys pages by path and query", async () => {
    const t = setUp();
    await t.cache.handle(get("/fr/2026/programme?kind=b2b"), t.page({ seconds: 60 }));
    await t.cache.handle(get("/fr/2026/programme"), t.page({ seconds: 60 }));
    expect(t.renders).toBe(2);
  });
});
