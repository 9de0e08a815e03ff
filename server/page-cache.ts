import { createHash } from "node:crypto";
import { cacheQueryHeader, cacheSecondsHeader } from "~/lib/http.server";

/** The query parameter of an organiser's preview (app/features/editions/preview.server.ts). */
const previewParameter = "preview";

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
  /** Variants of one path (values of the parameters it reads) kept at most; others are rendered, not kept. */
  maxVariantsPerPath?: number;
  clock?: () => number;
}

/** The query string of `url` reduced to the parameters in `reads`, sorted and without repeats ("" when none). */
function normalisedSearch(url: URL, reads: readonly string[]): string {
  const pairs = [...url.searchParams].filter(([name]) => reads.includes(name)).map((pair) => new URLSearchParams([pair]).toString());
  const unique = [...new Set(pairs)].sort();
  return unique.length === 0 ? "" : `?${unique.join("&")}`;
}

/**
 * Keeps rendered public pages in memory and answers conditional requests. A page opts in with
 * the Rencontres-Cache-Seconds header; an entry dies when the content version changes or its
 * time runs out (registration opening, say). Only a GET fills the cache.
 *
 * An entry is keyed by path and by the query parameters the page says it reads
 * (Rencontres-Cache-Query), sorted: any other query string maps to the same entry, and the page
 * is rendered from that normalised address, so that a visitor cannot evict pages by inventing
 * query strings. Until a path has been rendered once, its readings are unknown: a request with a
 * query string is then rendered without being kept.
 */
export class PageCache {
  private readonly entries = new Map<string, Entry>();
  /** Query parameters each cached path reads, learnt from its first cacheable answer. */
  private readonly reads = new Map<string, readonly string[]>();
  /** Query variants kept per path, to bound what one page's parameter values can take. */
  private readonly variants = new Map<string, Set<string>>();
  private version: string | undefined;
  private checkedAt = Number.NEGATIVE_INFINITY;
  private pendingCheck: Promise<string> | undefined;
  private readonly maxEntries: number;
  private readonly maxVariantsPerPath: number;
  private readonly clock: () => number;

  constructor(private readonly options: PageCacheOptions) {
    this.maxEntries = options.maxEntries ?? 5000;
    this.maxVariantsPerPath = options.maxVariantsPerPath ?? 64;
    this.clock = options.clock ?? Date.now;
  }

  /** Forgets every page now, and reads the version again on the next request. */
  invalidate(): void {
    this.clearEntries();
    this.checkedAt = Number.NEGATIVE_INFINITY;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The content version, read again from the database once checkIntervalMs has passed. */
  async currentVersion(): Promise<string> {
    if (this.version !== undefined && this.clock() - this.checkedAt < this.options.checkIntervalMs) return this.version;
    // One read at a time, however many requests arrive together.
    this.pendingCheck ??= this.options.readVersion().finally(() => (this.pendingCheck = undefined));
    const version = await this.pendingCheck;
    this.checkedAt = this.clock();
    if (version !== this.version) {
      this.clearEntries();
      this.version = version;
    }
    return version;
  }

  private clearEntries(): void {
    this.entries.clear();
    this.variants.clear();
  }

  async handle(request: Request, render: (request: Request) => Promise<Response>): Promise<Response> {
    if (request.method !== "GET" && request.method !== "HEAD") return render(request);
    const url = new URL(request.url);
    // An organiser's preview of a draft is personal: never answered from the cache nor kept in it,
    // whatever the path has learnt to read (its parameter would otherwise be dropped).
    if (url.searchParams.has(previewParameter)) return withoutCacheHeaders(await render(request));
    const knownReads = this.reads.get(url.pathname);
    const key = knownReads ? url.pathname + normalisedSearch(url, knownReads) : undefined;
    const version = await this.currentVersion();
    const cached = key === undefined ? undefined : this.entries.get(key);
    if (cached && cached.version === version && cached.expiresAt > this.clock()) {
      return this.respond(request, cached);
    }
    // Render what the entry will stand for: the address with only the parameters the page reads.
    const page = key !== undefined && key !== url.pathname + url.search ? withAddress(request, new URL(key, url)) : request;
    const response = await render(page);
    const seconds = Number(response.headers.get(cacheSecondsHeader) ?? 0);
    const headers = new Headers(response.headers);
    headers.delete(cacheSecondsHeader);
    headers.delete(cacheQueryHeader);
    const passThrough = () => new Response(response.body, { status: response.status, statusText: response.statusText, headers });
    if (response.status !== 200 || !(seconds > 0) || response.headers.has("set-cookie")) return passThrough();
    const reads = (response.headers.get(cacheQueryHeader) ?? "")
      .split(",")
      .map((name) => name.trim())
      .filter((name) => name !== "")
      .sort();
    this.rememberReads(url.pathname, reads);
    const pageUrl = new URL(page.url);
    const search = normalisedSearch(pageUrl, reads);
    // A HEAD has no body to keep; a first request with a query string may hold more than the page reads.
    if (request.method !== "GET" || pageUrl.search !== search) return passThrough();
    const entryKey = url.pathname + search;
    const variants = this.variants.get(url.pathname) ?? new Set<string>();
    if (!variants.has(entryKey) && variants.size >= this.maxVariantsPerPath) return passThrough();
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
    variants.add(entryKey);
    this.variants.set(url.pathname, variants);
    this.entries.delete(entryKey);
    this.entries.set(entryKey, entry);
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) {
        this.entries.delete(oldest);
        this.variants.get(new URL(oldest, url).pathname)?.delete(oldest);
      }
    }
    return this.respond(request, entry);
  }

  private rememberReads(path: string, reads: readonly string[]): void {
    if (!this.reads.has(path) && this.reads.size >= this.maxEntries) this.reads.clear();
    this.reads.set(path, reads);
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

/** A response as it leaves the server: the headers meant for this cache removed. */
function withoutCacheHeaders(response: Response): Response {
  const headers = new Headers(response.headers);
  headers.delete(cacheSecondsHeader);
  headers.delete(cacheQueryHeader);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/** The same request at another address (same method, headers and signal; GET and HEAD have no body). */
function withAddress(request: Request, url: URL): Request {
  return new Request(url, { method: request.method, headers: request.headers, signal: request.signal });
}
