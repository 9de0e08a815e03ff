import { z } from "zod";
import type { Route } from "./+types/back-office-figures-snapshot";
import { figuresPdf, figuresXlsx } from "~/features/figures/report.server";
import { figuresSnapshot } from "~/features/figures/snapshots.server";
import { requireBackOffice } from "~/features/organisers/organisers.server";
import { AppError } from "~/lib/errors";
import { handleErrors, parseId, parseYear, routeLanguage } from "~/lib/http.server";

const formats = {
  pdf: { contentType: "application/pdf", write: figuresPdf },
  xlsx: { contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", write: figuresXlsx },
} as const;
const formatParam = z.enum(["pdf", "xlsx"]);

/** A frozen snapshot of the edition's figures, as a PDF report in the path's language or a spreadsheet. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  return handleErrors(async () => {
    const language = routeLanguage(request);
    const { access, edition } = await requireBackOffice(request, context, parseYear(params.year), "figures");
    const format = formatParam.safeParse(params.format);
    if (!format.success) throw new AppError("not_found", "no such format");
    const snapshot = await figuresSnapshot(context.db, access, parseId(params.snapshotId));
    const { contentType, write } = formats[format.data];
    const body = await write(snapshot, language);
    const day = snapshot.frozenAt.toISOString().slice(0, 10);
    return new Response(new Uint8Array(body), {
      headers: {
        "Content-Type": contentType,
        "Content-Disposition": `attachment; filename="rencontres-${edition.year}-${language === "fr" ? "chiffres" : "figures"}-${day}-${snapshot.id}.${format.data}"`,
        "Cache-Control": "private, no-store",
      },
    });
  });
}
