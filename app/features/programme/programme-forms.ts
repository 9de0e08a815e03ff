import { z } from "zod";
import { sessionKinds, type Localised, type SessionKind } from "~/db/schema";
import { instantAt } from "~/features/calendar/zoned-time";
import type { MessageKey } from "~/i18n/translate";

// The forms of the programme editor, read from what a browser posts. Pure: no database; the
// operations check that every id read here belongs to the edition.

export const titleMax = 200;
export const descriptionMax = 4000;
export const nameMax = 120;
export const organisationMax = 200;
export const roleMax = 300;
export const biographyMax = 4000;
export const roomNameMax = 120;

export type SpeakerPart = "speaker" | "moderator";

export interface SessionInput {
  kind: SessionKind;
  title: Localised;
  description: Localised | null;
  dayId: number;
  startsAt: Date;
  endsAt: Date;
  roomId: number | null;
  requiresSignup: boolean;
  capacity: number | null;
  /** In the order of the form. */
  speakers: { speakerId: number; part: SpeakerPart }[];
}

export interface SpeakerInput {
  name: string;
  organisation: string | null;
  role: Localised | null;
  biography: Localised | null;
}

export interface RoomInput {
  name: Localised;
  capacity: number | null;
}

/** Field name → message key of what is wrong with it. */
export type FieldProblems = Record<string, MessageKey>;

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: FieldProblems };

/** The text fields of a form, as posted, to show them again with its problems. */
export function postedValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of form) if (typeof value === "string" && name !== "csrf" && name !== "submission") values[name] = value;
  return values;
}

const text = (form: FormData, name: string) => String(form.get(name) ?? "").replace(/\r\n/g, "\n").trim();

class Problems {
  readonly found: FieldProblems = {};
  add(field: string, message: MessageKey) {
    this.found[field] ??= message;
  }
  get any() {
    return Object.keys(this.found).length > 0;
  }
}

/**
 * A text in French and English. `perEdition` texts (a session's) may lack one side, a missing
 * translation the editor marks (decision 0023); texts shared by editions (rooms, speakers) need
 * both. `optional`: both sides may be empty (null).
 */
function localised(form: FormData, name: string, max: number, problems: Problems, { optional, perEdition }: { optional: boolean; perEdition: boolean }): Localised | null {
  const fr = text(form, `${name}_fr`);
  const en = text(form, `${name}_en`);
  for (const [language, value] of [["fr", fr], ["en", en]] as const) {
    if (value.length > max) problems.add(`${name}_${language}`, "programme.problem.tooLong");
  }
  if (!fr && !en) {
    if (optional) return null;
    problems.add(`${name}_fr`, "programme.problem.required");
    if (!perEdition) problems.add(`${name}_en`, "programme.problem.required");
    return null;
  }
  if (!perEdition) {
    if (!fr) problems.add(`${name}_fr`, optional ? "programme.problem.otherLanguage" : "programme.problem.required");
    if (!en) problems.add(`${name}_en`, optional ? "programme.problem.otherLanguage" : "programme.problem.required");
  }
  return { fr, en };
}

const positiveInteger = z.string().regex(/^[1-9]\d{0,5}$/).transform(Number);
const localDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

function capacityField(form: FormData, name: string, problems: Problems): number | null {
  const value = text(form, name);
  if (!value) return null;
  const parsed = positiveInteger.safeParse(value);
  if (!parsed.success) {
    problems.add(name, "programme.problem.capacity");
    return null;
  }
  return parsed.data;
}

function idField(form: FormData, name: string): number | null {
  const parsed = positiveInteger.safeParse(text(form, name));
  return parsed.success ? parsed.data : null;
}

/** A `datetime-local` field read in the edition's time zone. */
function instantField(form: FormData, name: string, timeZone: string, problems: Problems): Date | null {
  const value = text(form, name);
  if (!localDateTime.test(value)) {
    problems.add(name, "programme.problem.time");
    return null;
  }
  try {
    return instantAt(value, timeZone);
  } catch {
    problems.add(name, "programme.problem.time");
    return null;
  }
}

export function parseSessionForm(form: FormData, timeZone: string): Parsed<SessionInput> {
  const problems = new Problems();
  const kind = z.enum(sessionKinds).safeParse(form.get("kind"));
  if (!kind.success) problems.add("kind", "programme.problem.required");
  const title = localised(form, "title", titleMax, problems, { optional: false, perEdition: true });
  const description = localised(form, "description", descriptionMax, problems, { optional: true, perEdition: true });
  const dayId = idField(form, "day");
  if (dayId === null) problems.add("day", "programme.problem.required");
  const startsAt = instantField(form, "starts_at", timeZone, problems);
  const endsAt = instantField(form, "ends_at", timeZone, problems);
  if (startsAt && endsAt && endsAt <= startsAt) problems.add("ends_at", "programme.problem.endsBeforeStart");
  const room = text(form, "room");
  const roomId = room ? idField(form, "room") : null;
  if (room && roomId === null) problems.add("room", "programme.problem.required");
  const requiresSignup = form.get("requires_signup") === "on";
  const capacity = capacityField(form, "capacity", problems);
  if (requiresSignup && capacity === null) problems.add("capacity", "programme.problem.capacityForSignup");
  const speakers: SessionInput["speakers"] = [];
  for (const [name, value] of form) {
    const match = /^speaker_([1-9]\d{0,8})$/.exec(name);
    if (!match || (value !== "speaker" && value !== "moderator")) continue;
    speakers.push({ speakerId: Number(match[1]), part: value });
  }
  if (problems.any || !kind.success || !title || dayId === null || !startsAt || !endsAt) return { ok: false, problems: problems.found };
  return { ok: true, value: { kind: kind.data, title, description, dayId, startsAt, endsAt, roomId, requiresSignup, capacity, speakers } };
}

export function parseSpeakerForm(form: FormData): Parsed<SpeakerInput> {
  const problems = new Problems();
  const name = text(form, "name");
  if (!name) problems.add("name", "programme.problem.required");
  if (name.length > nameMax) problems.add("name", "programme.problem.tooLong");
  const organisation = text(form, "organisation");
  if (organisation.length > organisationMax) problems.add("organisation", "programme.problem.tooLong");
  const role = localised(form, "role", roleMax, problems, { optional: true, perEdition: false });
  const biography = localised(form, "biography", biographyMax, problems, { optional: true, perEdition: false });
  if (problems.any) return { ok: false, problems: problems.found };
  return { ok: true, value: { name, organisation: organisation || null, role, biography } };
}

export function parseRoomForm(form: FormData): Parsed<RoomInput> {
  const problems = new Problems();
  const name = localised(form, "room_name", roomNameMax, problems, { optional: false, perEdition: false });
  const capacity = capacityField(form, "room_capacity", problems);
  if (problems.any || !name) return { ok: false, problems: problems.found };
  return { ok: true, value: { name, capacity } };
}

export function parseDayForm(form: FormData): Parsed<string> {
  const day = text(form, "date");
  const instant = Date.parse(`${day}T00:00:00Z`);
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(instant) && new Date(instant).toISOString().slice(0, 10) === day;
  return valid ? { ok: true, value: day } : { ok: false, problems: { date: "programme.problem.date" } };
}

