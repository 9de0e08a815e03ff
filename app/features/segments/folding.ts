// Search ignores case and accents: "Sao Paulo" finds "São Paulo", "etienne" finds "Étienne".
// The database folds the searched columns with `search_fold` (migration 0017); this is the same
// table, built by the same rule, for the words typed. folding.test.ts holds the two together.

const foldedRanges = [
  [0xc0, 0x24f],
  [0x1e00, 0x1eff],
] as const;
// Letters with a stroke have no decomposition: folded by hand, as in the migration.
const strokeLetters: Record<string, string> = { Ø: "o", ø: "o", Đ: "d", đ: "d", Ł: "l", ł: "l", Ħ: "h", ħ: "h", ı: "i", Ŧ: "t", ŧ: "t" };

function foldingTable(): Map<string, string> {
  const table = new Map<string, string>();
  for (const [first, last] of foldedRanges) {
    for (let code = first; code <= last; code++) {
      const letter = String.fromCodePoint(code);
      const decomposed = letter.normalize("NFD");
      if (decomposed.length > 1 && /[A-Za-z]/.test(decomposed[0]!)) table.set(letter, decomposed[0]!.toLowerCase());
    }
  }
  for (const [letter, folded] of Object.entries(strokeLetters)) table.set(letter, folded);
  for (let code = 65; code <= 90; code++) table.set(String.fromCharCode(code), String.fromCharCode(code + 32));
  return table;
}

const table = foldingTable();

/** `value` in lower case without accents, letter for letter as `search_fold` in the database. */
export function fold(value: string): string {
  let folded = "";
  for (const character of value) folded += table.get(character) ?? character;
  return folded;
}

/** The characters `search_fold` replaces and what by, in the order of the migration's table. */
export function foldingPairs(): [string, string][] {
  return [...table.entries()];
}

/** `value` for a LIKE pattern: its `%`, `_` and backslash match themselves. */
export const likeLiteral = (value: string) => value.replace(/[\\%_]/g, (character) => `\\${character}`);
