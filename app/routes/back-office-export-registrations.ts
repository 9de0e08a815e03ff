import type { Route } from "./+types/back-office-export-registrations";
import { downloadResponse, parseExportRequest } from "~/features/exports/exports";
import { registrationsExport } from "~/features/exports/exports.server";
import { toCsv, toXlsx } from "~/features/exports/writers.server";
import { requireBackOffice } from "~/features/organisers/organisers.server";
import { translate } from "~/i18n/translate";
import { handleErrors, parseYear, routeLanguage } from "~/lib/http.server";

/** The registrations of a segment or of the table's filter, with the columns chosen, as XLSX or CSV; headers in the page's language. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  return handleErrors(async () => {
    const language = routeLanguage(request);
    const { access, edition } = await requireBackOffice(request, context, parseYear(params.year), "registrations");
    const asked = parseExportRequest(new URL(request.url).searchParams);
    const table = await registrationsExport(context.db, access, { ...asked, language, now: context.now() });
    const body = asked.format === "csv" ? toCsv(table, asked.separator) : await toXlsx(table, translate(language, "exports.sheetName.registrations"));
    return downloadResponse(body, asked.format, `${translate(language, "exports.file.registrations")}-${edition.year}`);
  });
}
