import type { Kysely } from "kysely";
import type { DB } from "~/db/schema";
import { optionalPerson, type AuthContext } from "~/features/accounts/auth.server";
import { rolesOn } from "~/features/organisers/organisers.server";
import { permissionsOf } from "~/features/organisers/roles";
import { publicPageHeaders } from "~/lib/http.server";
import { getEdition, type Edition } from "./editions.server";

/** The query parameter through which an edition's organisers see its public pages as a draft. */
export const previewParameter = "preview";

/** Whether a request asks for a preview (the page cache lets such requests through, see server/page-cache.ts). */
export function asksForPreview(request: Request): boolean {
  return new URL(request.url).searchParams.has(previewParameter);
}

/**
 * The edition a public page shows: a published one for everyone; with `?preview=1`, a draft too,
 * for a signed-in person holding `content` on it. Anyone else gets what a visitor gets: a draft
 * does not exist (404).
 */
export async function editionForPage(
  request: Request,
  context: AuthContext & { db: Kysely<DB> },
  year: number,
): Promise<{ edition: Edition; preview: boolean }> {
  if (!asksForPreview(request)) return { edition: await getEdition(context.db, year), preview: false };
  const person = await optionalPerson(request, context);
  if (person) {
    const edition = await getEdition(context.db, year, { drafts: true }).catch(() => undefined);
    if (edition && permissionsOf(await rolesOn(context.db, person.personId, edition.id)).has("content")) {
      return { edition, preview: true };
    }
  }
  return { edition: await getEdition(context.db, year), preview: false };
}

/** Headers of a public page, or of its preview: personal, kept by no cache. */
export function pageHeaders(request: Request, seconds?: number, query: readonly string[] = []): HeadersInit {
  return asksForPreview(request) ? { "Cache-Control": "private, no-store" } : publicPageHeaders(seconds, query);
}
