import type { Route } from "./+types/back-office-export-workshop";
import { attendancePdf } from "~/features/exports/attendance-pdf.server";
import { downloadResponse, parseSeparator, parseWorkshopFormat } from "~/features/exports/exports";
import { attendanceTable, workshopAttendance } from "~/features/exports/exports.server";
import { toCsv, toXlsx } from "~/features/exports/writers.server";
import { requireBackOffice } from "~/features/organisers/organisers.server";
import { translate } from "~/i18n/translate";
import { handleErrors, parseId, parseYear, routeLanguage } from "~/lib/http.server";

/** A workshop's attendance list (XLSX, CSV with `;` or `separator=comma`, or the printable PDF sheet), in the page's language. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  return handleErrors(async () => {
    const language = routeLanguage(request);
    const { access, edition } = await requireBackOffice(request, context, parseYear(params.year), "registrations");
    const sessionId = parseId(params.sessionId);
    const query = new URL(request.url).searchParams;
    const format = parseWorkshopFormat(query.get("format"));
    const sheet = await workshopAttendance(context.db, access, { sessionId, format, language, now: context.now() });
    const body =
      format === "pdf"
        ? await attendancePdf(sheet)
        : format === "csv"
          ? toCsv(attendanceTable(sheet), parseSeparator(query.get("separator")))
          : await toXlsx(attendanceTable(sheet), translate(language, "exports.sheetName.attendance"));
    return downloadResponse(body, format, `${translate(language, "exports.file.attendance")}-${edition.year}-${sessionId}`);
  });
}
