import { stringify } from "csv-stringify/sync";
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { separators, startsFormula, type ExportTable, type Separator } from "./exports";

/**
 * A table as CSV in UTF-8 with a byte order mark (without it, Excel reads UTF-8 as the old
 * Windows code page), every line ending in CRLF. A value a spreadsheet would take for a formula
 * is written as OWASP recommends: prefixed with a single quote and quoted, its text kept whole.
 */
export function toCsv(table: ExportTable, separator: Separator): Buffer {
  const text = stringify([table.headers, ...table.rows], {
    bom: true,
    delimiter: separators[separator],
    record_delimiter: "windows",
    cast: { string: (value) => (startsFormula(value) ? { value: `'${value}`, quoted: true } : value) },
  });
  return Buffer.from(text, "utf8");
}

// Characters XML 1.0 cannot carry: a cell holding one would make the file unreadable.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const notInXml = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/**
 * A table as an XLSX workbook of one sheet. Every cell is a text cell in a text-formatted column
 * (`@`): a value starting with `=` or `+` is shown as typed and never computed, `+33 1 53 41 81 81`
 * stays a phone number, `00123` keeps its zeros. Written row by row (exceljs's streaming writer,
 * three times faster than building the whole workbook first).
 */
export async function toXlsx(table: ExportTable, sheetName: string): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on("data", (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    stream.on("end", resolve);
    stream.on("error", reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false, zip: { zlib: { level: 1 } } });
  const sheet = workbook.addWorksheet(sheetName.replace(/[[\]:*?/\\]/g, " ").slice(0, 31), { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = table.headers.map((header, index) => ({
    key: String(index),
    width: Math.min(60, Math.max(10, header.length + 2, ...table.rows.slice(0, 200).map((row) => (row[index] ?? "").length + 2))),
    style: { numFmt: "@" },
  }));
  if (table.headers.length > 0) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.headers.length } };
  const header = sheet.addRow(table.headers);
  header.font = { bold: true };
  header.commit();
  // An empty value is an empty cell (the signature column stays blank), not an empty text.
  for (const row of table.rows) sheet.addRow(row.map((value) => (value === "" ? null : value.replace(notInXml, "")))).commit();
  sheet.commit();
  await workbook.commit();
  await ended;
  return Buffer.concat(chunks);
}
