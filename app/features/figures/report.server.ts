import ExcelJS from "exceljs";
import PDFDocument from "pdfkit";
import type { Language } from "~/i18n/languages";
import { translator } from "~/i18n/translate";
import { formatDateTime, formatDay } from "~/lib/format";
import { chartColours, classColour } from "./components/charts";
import { comparisonRows, fillOf, formatShare, labels, share, workshopLabel, type Count, type EditionFigures } from "./figures";
import type { FiguresSnapshot } from "./snapshots.server";
import { classOf, mapClasses, mapHeight, mapWidth, worldShapes } from "./world-map";

// A frozen snapshot as a report for funders: a PDF in French or English (Helvetica, whose
// WinAnsi encoding holds every French letter), and a spreadsheet with one sheet per table.

/** One table of the report: a heading row, then rows of label and values. */
interface ReportTable {
  title: string;
  /** A short name, for the spreadsheet's tab (31 characters at most). */
  sheet: string;
  columns: string[];
  rows: (string | number)[][];
}

function reportTables(figures: EditionFigures, language: Language): ReportTable[] {
  const t = translator(language);
  const counts = (title: string, heading: string, rows: readonly Count[], label: (key: string) => string, total = figures.total): ReportTable => ({
    title,
    sheet: heading,
    columns: [heading, t("figures.count"), t("figures.share")],
    rows: [...rows.map((row) => [label(row.key), row.count, formatShare(share(row.count, total), language)]), [t("figures.total"), total, formatShare(total === 0 ? 0 : 1, language)]],
  });
  const domestic = figures.byCountry.find((row) => row.key === figures.venueCountry)?.count ?? 0;
  const originLabel = (key: string) => (key === "domestic" ? t("figures.origin.domestic", { country: labels.country(figures.venueCountry, language) }) : t("figures.origin.foreign"));
  const statusTotal = figures.byStatus.reduce((sum, row) => sum + row.count, 0);
  return [
    counts(t("figures.byCountry", { countries: figures.countries }), t("figures.country"), figures.byCountry, (key) => labels.country(key, language)),
    counts(t("figures.origin"), t("figures.origin.heading"), [{ key: "domestic", count: domestic }, { key: "foreign", count: figures.foreign }], originLabel),
    counts(t("figures.byCategory"), t("figures.category"), figures.byCategory, (key) => labels.category(key, language)),
    counts(t("figures.byOrganisationType"), t("figures.organisationType"), figures.byOrganisationType, (key) => labels.organisationType(key, language)),
    counts(t("figures.byLanguage"), t("figures.language"), figures.byLanguage, (key) => labels.language(key, language)),
    {
      title: t("figures.workshops"),
      sheet: t("figures.session"),
      columns: [t("figures.session"), t("figures.capacity"), t("figures.confirmed"), t("figures.fill"), t("figures.waitlisted")],
      rows: figures.workshops.map((workshop) => {
        const fill = fillOf(workshop);
        return [workshopLabel(workshop, language, figures.timeZone), workshop.capacity ?? t("figures.noLimit"), workshop.confirmed, fill === null ? "—" : formatShare(fill, language), workshop.waitlisted];
      }),
    },
    counts(t("figures.byStatus"), t("figures.status"), figures.byStatus, (key) => labels.status(key, language), statusTotal),
    {
      title: t("figures.timeline"),
      sheet: t("figures.report.sheetTimeline"),
      columns: [
        t("figures.timeline.day"),
        t("figures.timeline.date", { year: figures.year }),
        t("figures.timeline.current", { year: figures.year }),
        ...(figures.previous ? [t("figures.timeline.previous", { year: figures.previous.year })] : []),
      ],
      rows: comparisonRows(figures).map((row) => [
        row.day,
        formatDay(row.date, language),
        row.current ?? "—",
        ...(figures.previous ? [row.previous ?? "—"] : []),
      ]),
    },
  ];
}

function keyFigures(figures: EditionFigures, language: Language): [string, string | number][] {
  const t = translator(language);
  return [
    [t("figures.key.total"), figures.total],
    [t("figures.key.countries"), figures.countries],
    [t("figures.key.foreign"), t("figures.key.foreignValue", { count: figures.foreign.toLocaleString(language), share: formatShare(share(figures.foreign, figures.total), language) })],
  ];
}

function heading(snapshot: FiguresSnapshot, language: Language) {
  const t = translator(language);
  const { figures } = snapshot;
  return {
    title: t("figures.report.title", { year: figures.year }),
    frozen: t("figures.report.frozen", { date: formatDateTime(snapshot.frozenAt, language, figures.timeZone) }),
    scope: snapshot.segmentName === null ? null : t("figures.report.scope", { name: snapshot.segmentName }),
  };
}

/** Text that Helvetica's WinAnsi encoding can write: thin spaces become no-break spaces, the unknown a "?". */
export function winAnsi(text: string): string {
  return text
    .normalize("NFC")
    .replace(/[\u202f\u2009\u2007]/g, "\u00a0")
    .replace(/[^\u0020-\u007e\u00a0-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122\n]/gu, "?");
}

const toBuffer = (doc: PDFKit.PDFDocument) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    doc.end();
  });

/** The PDF report of a snapshot in `language`: key figures, the curve, the map and every table. */
export async function figuresPdf(snapshot: FiguresSnapshot, language: Language): Promise<Buffer> {
  const t = translator(language);
  const { figures } = snapshot;
  const head = heading(snapshot, language);
  const doc = new PDFDocument({ size: "A4", margin: 50, bufferPages: true, lang: language, displayTitle: true, info: { Title: winAnsi(head.title), Author: "Rencontres AICT", CreationDate: snapshot.frozenAt } });
  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const text = (value: string) => winAnsi(value);
  const ensureRoom = (height: number) => {
    if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
  };

  doc.font("Helvetica-Bold").fontSize(20).fillColor(chartColours.current).text(text(head.title));
  doc.moveDown(0.3).font("Helvetica").fontSize(11).fillColor(chartColours.ink).text(text(head.frozen));
  if (head.scope) doc.text(text(head.scope));
  doc.moveDown(0.3).fillColor(chartColours.muted).text(text(t("figures.intro")));
  doc.moveDown();
  doc.font("Helvetica-Bold").fontSize(14).fillColor(chartColours.current).text(text(t("figures.key")));
  doc.font("Helvetica").fontSize(11).fillColor(chartColours.ink);
  for (const [label, value] of keyFigures(figures, language)) doc.text(text(t("figures.report.keyFigure", { label, value: typeof value === "number" ? value.toLocaleString(language) : value })));
  doc.moveDown();

  // The curve: this edition solid, the previous one dashed, as on the page.
  doc.font("Helvetica-Bold").fontSize(14).fillColor(chartColours.current).text(text(t("figures.timeline")));
  doc.moveDown(0.5);
  const chartTop = doc.y;
  const chartHeight = 180;
  const lines = [
    ...(figures.previous ? [{ values: figures.previous.cumulative, dashed: true, colour: chartColours.previous, label: String(figures.previous.year) }] : []),
    { values: figures.timeline.cumulative, dashed: false, colour: chartColours.current, label: String(figures.year) },
  ];
  const days = Math.max(1, ...lines.map((line) => line.values.length - 1));
  const max = Math.max(1, ...lines.flatMap((line) => line.values));
  const plotLeft = left + 40;
  const plotWidth = width - 40;
  doc.lineWidth(0.5).strokeColor(chartColours.grid);
  for (const fraction of [0, 0.25, 0.5, 0.75, 1]) {
    const y = chartTop + chartHeight - fraction * chartHeight;
    doc.moveTo(plotLeft, y).lineTo(plotLeft + plotWidth, y).stroke();
    doc.fontSize(8).fillColor(chartColours.muted).text(Math.round(fraction * max).toLocaleString(language), left, y - 4, { width: 35, align: "right" });
  }
  for (const line of lines) {
    if (line.values.length === 0) continue;
    line.values.forEach((value, day) => {
      const x = plotLeft + (day / days) * plotWidth;
      const y = chartTop + chartHeight - (value / max) * chartHeight;
      if (day === 0) doc.moveTo(x, y);
      else doc.lineTo(x, y);
    });
    if (line.dashed) doc.dash(5, { space: 3 });
    doc.lineWidth(2).strokeColor(line.colour).stroke();
    doc.undash();
  }
  let legendX = plotLeft;
  for (const line of lines) {
    const y = chartTop + chartHeight + 14;
    if (line.dashed) doc.dash(5, { space: 3 });
    doc.moveTo(legendX, y).lineTo(legendX + 24, y).lineWidth(2).strokeColor(line.colour).stroke();
    doc.undash();
    doc.fontSize(9).fillColor(chartColours.ink).text(line.label, legendX + 30, y - 4);
    legendX += 90;
  }
  doc.x = left;
  doc.y = chartTop + chartHeight + 30;

  // The map, from the same shapes as the page's.
  ensureRoom(300);
  doc.font("Helvetica-Bold").fontSize(14).fillColor(chartColours.current).text(text(t("figures.byCountry", { countries: figures.countries })), left);
  doc.moveDown(0.5);
  const mapTop = doc.y;
  const scale = width / mapWidth;
  const byCode = new Map(figures.byCountry.map((row) => [row.key, row.count]));
  const classes = mapClasses(Math.max(0, ...figures.byCountry.map((row) => row.count)));
  doc.save();
  doc.translate(left, mapTop).scale(scale);
  for (const shape of worldShapes()) {
    const level = classOf(shape.code ? (byCode.get(shape.code) ?? 0) : 0, classes);
    doc.path(shape.d).lineWidth(0.6).fillAndStroke(classColour(level, classes.length), chartColours.border);
  }
  doc.restore();
  doc.x = left;
  doc.y = mapTop + mapHeight * scale + 10;
  doc.moveDown();

  for (const table of reportTables(figures, language)) {
    ensureRoom(80);
    doc.font("Helvetica-Bold").fontSize(13).fillColor(chartColours.current).text(text(table.title), left);
    doc.moveDown(0.3);
    doc.font("Helvetica").fontSize(9).fillColor(chartColours.ink);
    doc.table({
      columnStyles: table.columns.map((_, index) => (index === 0 ? "*" : 80)),
      data: [
        table.columns.map((column) => ({ text: text(column), type: "TH" as const, font: { family: "Helvetica-Bold" } })),
        ...table.rows.map((row) => row.map((cell, index) => ({ text: text(typeof cell === "number" ? cell.toLocaleString(language) : cell), type: index === 0 ? ("TH" as const) : ("TD" as const), align: { x: index === 0 ? ("left" as const) : ("right" as const) } }))),
      ],
    });
    doc.moveDown();
  }

  const range = doc.bufferedPageRange();
  for (let page = range.start; page < range.start + range.count; page++) {
    doc.switchToPage(page);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.fontSize(8).fillColor(chartColours.muted).text(text(t("figures.report.page", { page: page + 1, pages: range.count })), left, doc.page.height - 30, { width, align: "center" });
    doc.page.margins.bottom = bottom;
  }
  return toBuffer(doc);
}

/** The spreadsheet of a snapshot: the key figures, then one sheet per table; numbers as numbers, text as text. */
export async function figuresXlsx(snapshot: FiguresSnapshot, language: Language): Promise<Buffer> {
  const t = translator(language);
  const head = heading(snapshot, language);
  const workbook = new ExcelJS.Workbook();
  workbook.created = snapshot.frozenAt;
  workbook.title = head.title;
  const summary = workbook.addWorksheet(t("figures.report.sheetSummary"));
  summary.addRow([head.title]).font = { bold: true, size: 14 };
  summary.addRow([head.frozen]);
  // The segment's name alone in its cell, as text: a name beginning with "=" is no formula.
  if (snapshot.segmentName !== null) summary.addRow([t("figures.snapshots.scope"), snapshot.segmentName]);
  summary.addRow([]);
  for (const [label, value] of keyFigures(snapshot.figures, language)) summary.addRow([label, value]);
  summary.getColumn(1).width = 40;
  summary.getColumn(2).width = 24;
  const used = new Set<string>([summary.name]);
  for (const table of reportTables(snapshot.figures, language)) {
    // A tab's name: 31 characters at most, without []:*?/\, once per workbook.
    let name = table.sheet.replace(/[[\]:*?/\\]/g, " ").slice(0, 31);
    for (let n = 2; used.has(name); n++) name = `${table.sheet.slice(0, 28)} ${n}`;
    used.add(name);
    const sheet = workbook.addWorksheet(name);
    sheet.addRow([table.title]).font = { bold: true };
    sheet.addRow(table.columns).font = { bold: true };
    for (const row of table.rows) sheet.addRow(row);
    sheet.getColumn(1).width = 40;
    for (let column = 2; column <= table.columns.length; column++) sheet.getColumn(column).width = 18;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
