import type { Route } from "./+types/robots";
import { publicPageHeaders } from "~/lib/http.server";

/** Every page may be crawled; the sitemap lists them all. */
export function loader({ context }: Route.LoaderArgs) {
  const headers = new Headers(publicPageHeaders());
  headers.set("Content-Type", "text/plain; charset=utf-8");
  return new Response(`User-agent: *\nAllow: /\n\nSitemap: ${context.env.PUBLIC_URL}/sitemap.xml\n`, { headers });
}
