// Reads back the text of a PDF that pdfkit wrote with `compress: false`, for tests: each text
// operation (TJ) decoded through its font's ToUnicode map, one line per operation. Enough for
// pdfkit's own output (embedded fonts, hexadecimal glyph codes), not for PDFs at large.

function toUnicodeMap(cmap: string): Map<string, string> {
  const map = new Map<string, string>();
  const fromHex = (hex: string) => String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((unit) => parseInt(unit, 16)));
  for (const [, start, , entries] of cmap.matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>\s*\[([^\]]*)\]/gi)) {
    const first = parseInt(start!, 16);
    [...entries!.matchAll(/<([0-9a-f]+)>/gi)].forEach(([, hex], offset) => map.set((first + offset).toString(16).padStart(4, "0"), fromHex(hex!)));
  }
  for (const [, code, hex] of cmap.matchAll(/^<([0-9a-f]{4})>\s*<([0-9a-f]+)>$/gim)) map.set(code!.toLowerCase(), fromHex(hex!));
  return map;
}

export interface PdfFacts {
  /** The text of each text operation, in the order drawn. */
  lines: string[];
  pages: number;
  /** The names of the embedded fonts (subset prefix removed). */
  embeddedFonts: string[];
  /** Whether any link or other annotation exists. */
  annotations: boolean;
}

export function readPdf(pdf: Buffer): PdfFacts {
  const source = pdf.toString("latin1");
  const objects = new Map<string, string>();
  for (const [, id, body] of source.matchAll(/(\d+) 0 obj([\s\S]*?)endobj/g)) objects.set(id!, body!);
  const fonts = new Map<string, Map<string, string>>();
  const embeddedFonts = new Set<string>();
  for (const [, name, id] of source.matchAll(/\/(F\d+) (\d+) 0 R/g)) {
    const font = objects.get(id!) ?? "";
    const toUnicode = /\/ToUnicode (\d+) 0 R/.exec(font)?.[1];
    if (toUnicode) fonts.set(name!, toUnicodeMap(objects.get(toUnicode) ?? ""));
  }
  for (const body of objects.values()) {
    const descriptor = /\/FontName \/(?:[A-Z]{6}\+)?([^\s/]+)[\s\S]*\/FontFile2 /.exec(body);
    if (descriptor) embeddedFonts.add(descriptor[1]!);
  }
  const lines: string[] = [];
  let current = new Map<string, string>();
  for (const [, fontName, array] of source.matchAll(/\/(F\d+) [\d.]+ Tf|\[((?:<[0-9a-f]*>|[-\d.\s])*)\] TJ/gi)) {
    if (fontName) {
      current = fonts.get(fontName) ?? new Map();
      continue;
    }
    const codes = [...array!.matchAll(/<([0-9a-f]*)>/gi)].flatMap(([, hex]) => hex!.match(/.{4}/g) ?? []);
    lines.push(codes.map((code) => current.get(code.toLowerCase()) ?? "\uFFFD").join(""));
  }
  return {
    lines,
    pages: [...source.matchAll(/\/Type \/Page\b(?!s)/g)].length,
    embeddedFonts: [...embeddedFonts],
    annotations: /\/Annots|\/Subtype \/Link|\/URI/.test(source),
  };
}
