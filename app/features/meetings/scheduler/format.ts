/**
 * The instance and schedule JSON formats of docs/meeting-scheduler-format.md. Extra fields are accepted and
 * dropped; everything the format names is checked, and every problem is reported with the id or
 * field it concerns.
 */
import { z } from "zod";

const id = z.string().min(1, "must be a non-empty string");

const slotSchema = z.object({
  id,
  block: id,
  start: z.iso.datetime({ offset: true }),
  end: z.iso.datetime({ offset: true }),
});

const tableSchema = z.object({ id, seats: z.number().int().positive() });

const participantSchema = z.object({
  id,
  unavailable: z.array(id).default([]),
  maxMeetings: z.number().int().nonnegative().optional(),
});

const placementSchema = z.object({ slot: id, table: id });

const meetingSchema = z.object({
  id,
  participants: z.array(id).min(2, "a meeting needs two or more participants"),
  weight: z.number().positive().finite().default(1),
  fixed: placementSchema.optional(),
});

export const instanceSchema = z.object({
  name: z.string().optional(),
  slots: z.array(slotSchema),
  tables: z.array(tableSchema),
  participants: z.array(participantSchema),
  meetings: z.array(meetingSchema),
  rules: z.object({ maxConsecutive: z.number().int().positive().optional() }).default({}),
});

const assignmentSchema = z.object({ meeting: id, slot: id, table: id });

export const scheduleSchema = z.object({ assignments: z.array(assignmentSchema) });

export type Instance = z.infer<typeof instanceSchema>;
export type Schedule = z.infer<typeof scheduleSchema>;

/** A file that does not follow the format; `problems` names each bad id or field. */
export class FormatError extends Error {
  constructor(
    readonly file: "instance" | "schedule",
    readonly problems: string[],
  ) {
    super(`invalid ${file}:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "FormatError";
  }
}

/** Parses JSON text or throws a FormatError naming every bad field. */
export function parseJson<T>(
  file: FormatError["file"],
  schema: z.ZodType<T>,
  text: string,
): T {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new FormatError(file, [`not JSON: ${(error as Error).message}`]);
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    throw new FormatError(
      file,
      result.error.issues.map((issue) => `${describePath(raw, issue.path)}: ${issue.message}`),
    );
  }
  return result.data;
}

/** `meetings[3] (id "m4").participants[1]`: the index alone is hard to find in a large file. */
function describePath(raw: unknown, path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(root)";
  let text = "";
  let node: unknown = raw;
  for (const key of path) {
    if (typeof key === "number") {
      text += `[${key}]`;
      node = Array.isArray(node) ? node[key] : undefined;
      const nodeId = node && typeof node === "object" ? (node as { id?: unknown }).id : undefined;
      if (typeof nodeId === "string") text += ` (id "${nodeId}")`;
    } else {
      text += text === "" ? String(key) : `.${String(key)}`;
      node = node && typeof node === "object" ? (node as Record<PropertyKey, unknown>)[key] : undefined;
    }
  }
  return text;
}
