import { fileURLToPath } from "node:url";
import { sql, type Kysely } from "kysely";
import ts from "typescript";
import type { DB } from "~/db/schema";

// The `DB` interface of app/db/schema.ts is written by hand beside the SQL migrations. These
// helpers read it with the TypeScript compiler and the migrated database from its catalogue, so
// that a test can say where the two disagree.

/** What a column reads as: a family of JavaScript values, and whether it may be null. */
export interface ColumnShape {
  family: string;
  nullable: boolean;
  /** A view's columns are all nullable in the catalogue, whatever they hold: not compared. */
  nullableUnknown?: boolean;
}

export type TablesShape = Record<string, Record<string, ColumnShape>>;

export const schemaPath = fileURLToPath(new URL("../db/schema.ts", import.meta.url));

/** Tables the application never reads through Kysely: the migration runner's own record. */
const internalTables = new Set(["schema_migration"]);

/**
 * The tables and columns of the `DB` interface, each column by the type Kysely selects (the
 * first argument of `ColumnType`/`Generated`). `source` replaces the file's text, for tests.
 */
export function declaredTables(source?: string): TablesShape {
  const options: ts.CompilerOptions = { strict: true, noEmit: true, skipLibCheck: true, module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022, moduleResolution: ts.ModuleResolutionKind.Bundler };
  const host = ts.createCompilerHost(options);
  if (source !== undefined) {
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (fileName, language, ...rest) =>
      fileName === schemaPath ? ts.createSourceFile(fileName, source, language) : getSourceFile(fileName, language, ...rest);
  }
  const program = ts.createProgram([schemaPath], options, host);
  const checker = program.getTypeChecker();
  const file = program.getSourceFile(schemaPath);
  const db = file?.statements.find((statement): statement is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(statement) && statement.name.text === "DB");
  if (!file || !db) throw new Error(`no interface DB in ${schemaPath}`);

  const tables: TablesShape = {};
  for (const table of checker.getTypeAtLocation(db).getProperties()) {
    const columns: Record<string, ColumnShape> = {};
    for (const column of checker.getTypeOfSymbolAtLocation(table, db).getProperties()) {
      let type = checker.getTypeOfSymbolAtLocation(column, db);
      // Kysely's ColumnType<Select, Insert, Update> carries the selected type as `__select__`.
      const selected = type.getProperty("__select__");
      if (selected) type = checker.getTypeOfSymbolAtLocation(selected, db);
      columns[column.name] = shapeOf(checker, type);
    }
    tables[table.name] = columns;
  }
  return tables;
}

function shapeOf(checker: ts.TypeChecker, type: ts.Type): ColumnShape {
  const members = type.isUnion() ? type.types : [type];
  const nullable = members.some((member) => member.flags & ts.TypeFlags.Null);
  const families = new Set(members.filter((member) => !(member.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined))).map((member) => familyOf(checker, member)));
  // `true | false` is how the checker spells boolean.
  return { family: [...families].sort().join(" | "), nullable };
}

function familyOf(checker: ts.TypeChecker, type: ts.Type): string {
  if (type.flags & (ts.TypeFlags.String | ts.TypeFlags.StringLiteral)) return "string";
  if (type.flags & (ts.TypeFlags.Number | ts.TypeFlags.NumberLiteral)) return "number";
  if (type.flags & (ts.TypeFlags.Boolean | ts.TypeFlags.BooleanLiteral)) return "boolean";
  if (type.flags & ts.TypeFlags.BigInt) return "bigint";
  if (type.flags & ts.TypeFlags.Unknown) return "json";
  if (checker.isArrayType(type)) {
    const [element] = checker.getTypeArguments(type as ts.TypeReference);
    return element && !(element.flags & ts.TypeFlags.Object) ? `${familyOf(checker, element)}[]` : "json";
  }
  if (type.getSymbol()?.name === "Date") return "Date";
  if (type.getSymbol()?.name === "Buffer" || type.getSymbol()?.name === "Uint8Array") return "Buffer";
  return "json";
}

/** What each PostgreSQL type reads as through pg and PGlite, with the parsers of app/db/connection.server.ts. */
const familyOfSqlType: Record<string, string> = {
  int2: "number",
  int4: "number",
  float4: "number",
  float8: "number",
  // pg gives 64-bit integers and numerics as strings, to lose no digit.
  int8: "string",
  numeric: "string",
  text: "string",
  varchar: "string",
  bpchar: "string",
  citext: "string",
  uuid: "string",
  // Calendar days stay YYYY-MM-DD strings (decision 0002).
  date: "string",
  time: "string",
  timetz: "string",
  inet: "string",
  cidr: "string",
  timestamptz: "Date",
  timestamp: "Date",
  bool: "boolean",
  json: "json",
  jsonb: "json",
  // pg's interval is an object of its own: like jsonb, only its nullability is checked.
  interval: "json",
  bytea: "Buffer",
};

/** The tables and columns of the database `db` is connected to, in its public schema. */
export async function migratedTables(db: Kysely<DB>): Promise<TablesShape> {
  const { rows } = await sql<{ table_name: string; table_type: string; column_name: string; is_nullable: string; data_type: string; udt_name: string }>`
    select c.table_name, t.table_type, c.column_name, c.is_nullable, c.data_type, c.udt_name
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = 'public' and t.table_type in ('BASE TABLE', 'VIEW')
    order by c.table_name, c.ordinal_position
  `.execute(db);
  const tables: TablesShape = {};
  for (const row of rows) {
    if (internalTables.has(row.table_name)) continue;
    const isArray = row.data_type === "ARRAY";
    const udt = isArray ? row.udt_name.replace(/^_/, "") : row.udt_name;
    // An enum or domain of our own reads as text.
    const family = familyOfSqlType[udt] ?? (row.data_type === "USER-DEFINED" ? "string" : `unknown SQL type ${udt}`);
    (tables[row.table_name] ??= {})[row.column_name] = {
      family: isArray ? `${family}[]` : family,
      nullable: row.is_nullable === "YES",
      ...(row.table_type === "VIEW" ? { nullableUnknown: true } : {}),
    };
  }
  return tables;
}

/** Each disagreement, one line: a table or column on one side only, or read differently. */
export function schemaDifferences(declared: TablesShape, migrated: TablesShape): string[] {
  const differences: string[] = [];
  const describe = (shape: ColumnShape) => `${shape.family}${shape.nullable ? " | null" : ""}`;
  for (const table of new Set([...Object.keys(declared), ...Object.keys(migrated)])) {
    const inDb = migrated[table];
    const inTypes = declared[table];
    if (!inDb) differences.push(`table ${table}: in DB (app/db/schema.ts), not in the migrated database`);
    if (!inTypes) differences.push(`table ${table}: in the migrated database, not in DB (app/db/schema.ts)`);
    if (!inDb || !inTypes) continue;
    for (const column of new Set([...Object.keys(inTypes), ...Object.keys(inDb)])) {
      const typed = inTypes[column];
      const real = inDb[column];
      if (!real) differences.push(`${table}.${column}: in DB, not in the migrated database`);
      else if (!typed) differences.push(`${table}.${column}: in the migrated database (${describe(real)}), not in DB`);
      // jsonb holds whatever the schema declares; only its nullability is checked.
      else if ((real.family !== "json" && typed.family !== real.family) || (!real.nullableUnknown && typed.nullable !== real.nullable)) {
        differences.push(`${table}.${column}: DB says ${describe(typed)}, the database reads ${describe(real)}`);
      }
    }
  }
  return differences;
}
