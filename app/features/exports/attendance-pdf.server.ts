import PDFDocument from "pdfkit";
import { translate } from "~/i18n/translate";
import type { AttendanceSheet } from "./exports.server";

// PDF's standard fonts only cover Western European letters: DejaVu Sans (assets/fonts, with its
// licence) is embedded instead, so that names in Cyrillic, Greek, Vietnamese… come out. The files
// are bundled with the server (read once, when the first sheet is printed).
const fontFiles = import.meta.glob<string>("../../../assets/fonts/*.ttf", { query: "?inline", import: "default" });

let fonts: Promise<{ regular: Buffer; bold: Buffer }> | undefined;
function loadFonts() {
  const decode = async (name: string) => {
    const load = fontFiles[`../../../assets/fonts/${name}`];
    if (!load) throw new Error(`font ${name} missing from assets/fonts`);
    const dataUrl = await load();
    return Buffer.from(dataUrl.slice(dataUrl.indexOf(",") + 1), "base64");
  };
  fonts ??= Promise.all([decode("DejaVuSans.ttf"), decode("DejaVuSans-Bold.ttf")]).then(([regular, bold]) => ({ regular, bold }));
  return fonts;
}

const margin = 40;
const rowHeight = 30;
const footerHeight = 24;

/**
 * The printable attendance sheet of a workshop (A4): title, edition, session, date, time and room,
 * then one row per person — name, organisation and an empty box to sign — the column headers
 * repeated on each page, numbered "page n of m". Texts are drawn as text, never as links.
 * `compress: false` leaves the page contents readable (tests read them).
 */
export async function attendancePdf(sheet: AttendanceSheet, options: { compress?: boolean } = {}): Promise<Buffer> {
  const { regular, bold } = await loadFonts();
  const t = (key: Parameters<typeof translate>[1], values?: Record<string, string | number>) => translate(sheet.language, key, values);
  const title = t("exports.sheet.title");
  const doc = new PDFDocument({
    size: "A4",
    margin,
    bufferPages: true,
    compress: options.compress ?? true,
    lang: sheet.language,
    displayTitle: true,
    info: { Title: `${title} — ${sheet.session}`, Subject: sheet.edition, Creator: "Rencontres" },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on("end", resolve);
    doc.on("error", reject);
  });
  doc.registerFont("regular", regular);
  doc.registerFont("bold", bold);

  const width = doc.page.width - 2 * margin;
  const columns = [
    { header: t("exports.sheet.name"), width: Math.round(width * 0.36) },
    { header: t("exports.column.organisation_name"), width: Math.round(width * 0.34) },
    { header: t("exports.sheet.signature"), width: 0 },
  ];
  columns[2]!.width = width - columns[0]!.width - columns[1]!.width;
  const bottom = () => doc.page.height - margin - footerHeight;

  /** A row as high as its longest text needs (a long organisation wraps, never cut), at least `minimum`. */
  const heightOf = (values: string[], font: "regular" | "bold", minimum: number) => {
    doc.font(font).fontSize(9);
    return Math.max(minimum, ...values.map((value, index) => (value ? doc.heightOfString(value, { width: columns[index]!.width - 8 }) + 8 : 0)));
  };
  const cells = (values: string[], y: number, font: "regular" | "bold", height: number) => {
    let x = margin;
    doc.font(font).fontSize(9);
    values.forEach((value, index) => {
      const column = columns[index]!;
      doc.rect(x, y, column.width, height).stroke();
      if (value) doc.text(value, x + 4, y + 4, { width: column.width - 8 });
      x += column.width;
    });
  };
  const headerRow = (y: number) => {
    doc.save().rect(margin, y, width, 20).fill("#eeeeee").restore();
    cells(
      columns.map((column) => column.header),
      y,
      "bold",
      20,
    );
    return y + 20;
  };

  doc.font("bold").fontSize(16).text(title);
  doc.font("regular").fontSize(10).text(sheet.edition);
  doc.moveDown(0.5);
  doc.font("bold").fontSize(13).text(sheet.session);
  doc.font("regular").fontSize(10).text(sheet.when);
  if (sheet.room) doc.text(t("exports.sheet.room", { room: sheet.room }));
  doc.text(t("exports.sheet.count", { count: sheet.people.length }));
  doc.moveDown(0.8);

  let y = headerRow(doc.y);
  for (const person of sheet.people) {
    const values = [`${person.familyName.toLocaleUpperCase(sheet.language)} ${person.givenName}`, person.organisation, ""];
    const height = heightOf(values, "regular", rowHeight);
    if (y + height > bottom()) {
      doc.addPage();
      y = headerRow(margin);
    }
    cells(values, y, "regular", height);
    y += height;
  }

  // Page numbers, once the number of pages is known; below the bottom margin, which is lifted
  // meanwhile so that writing there does not open a new page.
  const range = doc.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index++) {
    doc.switchToPage(index);
    const keptMargin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font("regular")
      .fontSize(8)
      .text(`${sheet.session} — ${t("exports.sheet.page", { page: index - range.start + 1, pages: range.count })}`, margin, doc.page.height - margin - 10, {
        width,
        align: "right",
        lineBreak: false,
      });
    doc.page.margins.bottom = keptMargin;
  }
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}
