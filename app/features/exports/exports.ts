import { emptyFilter, parseFilter, type RegistrationFilter } from "~/features/segments/filter";

/** The columns of a registrations export that every edition has, in the order of the file. */
export const fixedColumns = [
  "reference",
  "family_name",
  "given_name",
  "email",
  "phone",
  "job_title",
  "organisation_name",
  "organisation_type",
  "country",
  "city",
  "category",
  "status",
  "language",
  "days",
  "delegation",
  "workshops",
  "registered_at",
  "confirmed_at",
  "checked_in_at",
] as const;
export type FixedColumn = (typeof fixedColumns)[number];
/** A fixed column, or the answers to one of the edition's questions (`answer:<question id>`). */
export type ExportColumn = FixedColumn | `answer:${number}`;

/** What the form offers checked. */
export const defaultColumns: readonly FixedColumn[] = [
  "reference",
  "family_name",
  "given_name",
  "email",
  "organisation_name",
  "organisation_type",
  "country",
  "category",
  "status",
];

export const exportFormats = ["xlsx", "csv"] as const;
export type ExportFormat = (typeof exportFormats)[number];
export const workshopFormats = ["xlsx", "csv", "pdf"] as const;
export type WorkshopFormat = (typeof workshopFormats)[number];

/** CSV separators: a French Excel reads `;` (the comma is its decimal mark), others `,`. */
export const separators = { semicolon: ";", comma: "," } as const;
export type Separator = keyof typeof separators;

export interface ExportRequest {
  filter: RegistrationFilter;
  /** The saved segment chosen, when one was (its filter is then `filter`). */
  segmentId: number | null;
  columns: ExportColumn[];
  format: ExportFormat;
  separator: Separator;
}

const positiveId = /^[1-9][0-9]{0,8}$/;
const isColumn = (value: string): value is ExportColumn =>
  (fixedColumns as readonly string[]).includes(value) || /^answer:[1-9][0-9]{0,8}$/.test(value);

/**
 * An export asked in a URL: `source` names a saved segment (its id) or is absent or `filter`,
 * the filter then being the table's own parameters (`q`, `status`, `segment`…); `column` repeated,
 * `format` and `separator`. Never throws: what is not understood takes its default.
 */
export function parseExportRequest(params: URLSearchParams): ExportRequest {
  const source = params.get("source") ?? "filter";
  const segmentId = positiveId.test(source) ? Number(source) : null;
  const columns = [...new Set(params.getAll("column").filter(isColumn))];
  const format = params.get("format");
  const separator = params.get("separator");
  return {
    filter: segmentId === null ? parseFilter(params) : { ...emptyFilter, include: { segment: [String(segmentId)] } },
    segmentId,
    columns: columns.length > 0 ? columns : [...defaultColumns],
    format: format === "csv" ? "csv" : "xlsx",
    separator: parseSeparator(separator),
  };
}

export const parseSeparator = (value: string | null): Separator => (value === "comma" ? "comma" : "semicolon");

export function parseWorkshopFormat(value: string | null): WorkshopFormat {
  return value === "csv" || value === "pdf" ? value : "xlsx";
}

/**
 * Whether a spreadsheet would read the text as a formula (OWASP's list: `=`, `+`, `-`, `@`, tab,
 * carriage return), so that a file must neutralise it.
 */
export const startsFormula = (value: string) => /^[=+\-@\t\r]/.test(value);

/** A table to write as a file: one line of headers, then rows of texts, all of the same width. */
export interface ExportTable {
  headers: string[];
  rows: string[][];
}

export const contentTypes: Record<WorkshopFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pdf: "application/pdf",
};

/** A file to download, never kept by a browser's or a proxy's cache: it holds personal data. */
export function downloadResponse(body: Buffer, format: WorkshopFormat, name: string): Response {
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": contentTypes[format],
      "Content-Disposition": `attachment; filename="${name.replace(/[^A-Za-z0-9._-]/g, "-")}.${format}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
