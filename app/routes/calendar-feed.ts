import type { Route } from "./+types/calendar-feed";
import { personalFeed } from "~/features/registration/calendar-feed.server";
import { handleErrors } from "~/lib/http.server";

/** A person's agenda at its secret address, for calendar apps to subscribe to. */
export async function loader({ params, context }: Route.LoaderArgs) {
  return handleErrors(async () => {
    const body = await personalFeed(context.db, params.token, context.env.PUBLIC_URL);
    return new Response(body, {
      // Personal: no shared cache keeps it, so a revoked address stops working at once.
      headers: { "Content-Type": "text/calendar; charset=utf-8", "Cache-Control": "private, no-store" },
    });
  });
}
