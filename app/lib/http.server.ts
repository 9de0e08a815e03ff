import { z } from "zod";
import { isLanguage, type Language } from "~/i18n/languages";
import { data } from "react-router";
import { AppError, toResponse } from "./errors";

/** Name of the response header through which a page tells the page cache how long it stays true. */
export const cacheSecondsHeader = "Rencontres-Cache-Seconds";

/** Name of the response header listing the query parameters a cached page reads (comma-separated). */
export const cacheQueryHeader = "Rencontres-Cache-Query";

/**
 * Headers of a public page: browsers revalidate every time, our page cache keeps it `seconds`.
 * `query` names the query parameters the page reads: the cache keys the page on those alone, so
 * that other parameters cannot fill it.
 */
export function publicPageHeaders(seconds = 3600, query: readonly string[] = []): HeadersInit {
  return {
    "Cache-Control": "no-cache",
    [cacheSecondsHeader]: String(Math.max(0, Math.floor(seconds))),
    ...(query.length > 0 ? { [cacheQueryHeader]: query.join(",") } : {}),
  };
}

/** The language of a localised route, read from its path prefix. */
export function routeLanguage(request: Request): Language {
  const prefix = new URL(request.url).pathname.split("/")[1];
  if (!isLanguage(prefix)) throw new AppError("not_found", "no language prefix");
  return prefix;
}

const yearParam = z.string().regex(/^\d{4}$/).transform(Number);
const dayParam = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const idParam = z.string().regex(/^[1-9]\d{0,8}$/).transform(Number);

/** An edition year from a URL; anything else names no edition. */
export function parseYear(value: string | undefined): number {
  const result = yearParam.safeParse(value);
  if (!result.success) throw new AppError("edition_not_found", "not an edition year");
  return result.data;
}

export function parseDay(value: string | undefined): string {
  const result = dayParam.safeParse(value);
  if (!result.success) throw new AppError("day_not_found", "not a day");
  return result.data;
}

export function parseId(value: string | undefined): number {
  const result = idParam.safeParse(value);
  if (!result.success) throw new AppError("not_found", "not an id");
  return result.data;
}

/** Runs a loader body, turning domain errors into their HTTP responses (shown by the error boundary). */
export async function handleErrors<T>(body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    throw toResponse(error);
  }
}

/**
 * Runs an action body: a domain error becomes `{ error: { code, message } }` with the code's
 * status, which the page shows in an ErrorNotice; redirects and other errors go through. What the
 * body passes to `keep` is answered along with the error (a form's values, to show them again).
 */
export async function handleActionErrors<T, Kept extends object = object>(body: (keep: (kept: Kept) => void) => Promise<T>) {
  let kept: Kept | undefined;
  try {
    return await body((value) => {
      kept = value;
    });
  } catch (error) {
    if (error instanceof AppError) return data({ ...(kept as Partial<Kept>), error: error.answer }, { status: error.status });
    throw error;
  }
}
