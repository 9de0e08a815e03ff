import type { Kysely } from "kysely";
import type { DB } from "~/db/schema";
import { findMedia } from "./image.server";
import { parseMediaFile } from "./media";

/**
 * Headers of a stored image. The address holds the hash, so the answer never changes: browsers
 * and proxies keep it for a year. `nosniff` and a sandboxing policy make sure that, whatever the
 * bytes, nothing is ever run as a page or a script from this origin.
 */
export const mediaHeaders = {
  "Cache-Control": "public, max-age=31536000, immutable",
  "X-Content-Type-Options": "nosniff",
  "Content-Security-Policy": "default-src 'none'; sandbox",
  "Cross-Origin-Resource-Policy": "same-origin",
} as const;

/** The answer to `/media/<file>`: the image, or a plain 404 for any other name. */
export async function mediaResponse(db: Kysely<DB>, file: string | undefined): Promise<Response> {
  const parsed = parseMediaFile(file);
  const media = parsed && (await findMedia(db, parsed));
  if (!media) {
    return new Response("Not found\n", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff" },
    });
  }
  const bytes = new Uint8Array(media.bytes);
  return new Response(bytes, {
    headers: { ...mediaHeaders, "Content-Type": media.content_type, "Content-Length": String(bytes.byteLength) },
  });
}
