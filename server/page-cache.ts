import { createHash } from "node:crypto";
import { cacheSecondsHeader } from "~/lib/http.server";

interface Entry {
  version: string;
  expiresAt: number;
  status: number;
  headers: [string, string][];
  body: Uint8Array<ArrayBuffer>;
  etag: string;
}

export interface PageCacheOptions {
  /** Reads the current content version (shared by every process through the database). */
  readVersion: () => Promise<string>;
  /** How long a process trusts the version it last read, in milliseconds. */
  checkIntervalMs: number;
  maxEntries?: number;
  clock?: () => number;
}

/**
 * Keeps rendered public pages in memory, keyed by URL, and answers conditional requests.
 * A page opts in with the Rencontres-Cache-Seconds header; an entry dies when the content
 * version changes or its time runs out (registration opening, say).
 */
export class PageCache {
  private readonly entries = new Map<string, Entry>();
  private version: string | undefined;
  private checkedAt = Number.NEGATIVE_INFINITY;
  private pendingCheck: Promise<string> | undefined;
  private readonly maxEntries: number;
  private readonly clock: () => number;

  constructor(private readonly options: PageCacheOptions) {
    this.maxEntries = options.maxEntries ?? 5000;
    this.clock = options.clock ?? Date.now;
  }

  /** Forgets every page now, and reads the version again on the next request. */
  invalidate(): void {
    this.entries.clear();
    this.checkedAt = Number.NEGATIVE_INFINITY;
  }

  get size(): number {
    return this.entries.size;
  }

  private async currentVersion(): Promise<string> {
    if (this.version !== undefined && this.clock() - this.checkedAt < this.options.checkIntervalMs) return this.version;
    // One read at a time, however many requests arrive together.
    this.pendingCheck ??= this.options.readVersion().finally(() => (this.pendingCheck = undefined));
    const version = await this.pendingCheck;
    this.checkedAt = this.clock();
    if (version !== this.version) {
      this.entries.clear();
      this.version = version;
    }
    return version;
  }

  async handle(request: Request, render: (request: Request) => Promise<Response>): Promise<Response> {
    if (request.method !== "GET" && request.method !== "HEAD") return render(request);
    const url = new URL(request.url);
    const key = url.pathname + url.search;
    const version = await this.currentVersion();
    const cached = this.entries.get(key);
    if (cached && cached.version === version && cached.expiresAt > this.clock()) {
      return this.respond(request, cached);
    }
    const response = await render(request);
    const seconds = Number(response.headers.get(cacheSecondsHeader) ?? 0);
    const headers = new Headers(response.headers);
    headers.delete(cacheSecondsHeader);
    if (response.status !== 200 || !(seconds > 0) || response.headers.has("set-cookie")) {
      return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
    }
    const body = new Uint8Array(await response.arrayBuffer());
    const etag = `"${version}-${createHash("sha1").update(body).digest("base64url").slice(0, 16)}"`;
    headers.set("ETag", etag);
    const entry: Entry = {
      version,
      expiresAt: this.clock() + seconds * 1000,
      status: response.status,
      headers: [...headers],
      body,
      etag,
    };
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return this.respond(request, entry);
  }

  private respond(request: Request, entry: Entry): Response {
    const headers = new Headers(entry.headers);
    const ifNoneMatch = request.headers.get("if-none-match");
    if (ifNoneMatch && ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === entry.etag)) {
      return new Response(null, { status: 304, headers: { ETag: entry.etag, "Cache-Control": headers.get("cache-control") ?? "no-cache" } });
    }
    return new Response(request.method === "HEAD" ? null : entry.body, { status: entry.status, headers });
  }
}
