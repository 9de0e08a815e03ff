import type { Route } from "./+types/programme-calendar";
import { programmeCalendar, programmeCalendarFileName } from "~/features/calendar/calendar.server";
import { editionForPage, pageHeaders } from "~/features/editions/preview.server";
import { listSessions } from "~/features/programme/programme.server";
import { handleErrors, parseYear, routeLanguage } from "~/lib/http.server";

/** The whole programme of an edition as an iCalendar file, to import or subscribe to. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  return handleErrors(async () => {
    const language = routeLanguage(request);
    const { edition } = await editionForPage(request, context, parseYear(params.year));
    const sessions = await listSessions(context.db, edition.id);
    const body = programmeCalendar({ edition, sessions, language, publicUrl: context.env.PUBLIC_URL });
    const headers = new Headers(pageHeaders(request));
    headers.set("Content-Type", "text/calendar; charset=utf-8");
    headers.set("Content-Disposition", `attachment; filename="${programmeCalendarFileName(edition.year)}"`);
    return new Response(body, { headers });
  });
}
