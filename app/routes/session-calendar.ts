import type { Route } from "./+types/session-calendar";
import { sessionCalendar, sessionCalendarFileName } from "~/features/calendar/calendar.server";
import { editionForPage, pageHeaders } from "~/features/editions/preview.server";
import { getSession } from "~/features/programme/programme.server";
import { handleErrors, parseId, parseYear, routeLanguage } from "~/lib/http.server";

/** One session of an edition as an iCalendar file, for "add to my calendar". */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  return handleErrors(async () => {
    const language = routeLanguage(request);
    const { edition } = await editionForPage(request, context, parseYear(params.year));
    const session = await getSession(context.db, edition.id, parseId(params.sessionId));
    const body = sessionCalendar({ edition, session, language, publicUrl: context.env.PUBLIC_URL });
    const headers = new Headers(pageHeaders(request));
    headers.set("Content-Type", "text/calendar; charset=utf-8");
    headers.set("Content-Disposition", `attachment; filename="${sessionCalendarFileName(edition.year, session, language)}"`);
    return new Response(body, { headers });
  });
}
