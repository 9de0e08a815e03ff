import type { Route } from "./+types/sitemap";
import { buildSitemap } from "~/features/site/sitemap.server";
import { publicPageHeaders } from "~/lib/http.server";

export async function loader({ context }: Route.LoaderArgs) {
  const headers = new Headers(publicPageHeaders());
  headers.set("Content-Type", "application/xml; charset=utf-8");
  return new Response(await buildSitemap(context.db, context.env.PUBLIC_URL), { headers });
}
