/** Plain-text table for the benchmark output: columns right-aligned except the first. */
export function formatTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((header, c) => Math.max(header.length, ...rows.map((row) => (row[c] ?? "").length)));
  const line = (cells: string[]) =>
    cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  ").trimEnd();
  return [line(headers), line(widths.map((width) => "-".repeat(width))), ...rows.map(line)].join("\n");
}

export function percent(ratio: number): string {
  return `${(100 * ratio).toFixed(2)} %`;
}
