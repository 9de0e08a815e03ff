import { zonedTime } from "~/features/calendar/zoned-time";

// What the programme editor points out without refusing it: an organiser may well mean it
// (a room shared on purpose, a late dinner), but should see it before visitors do.

/** What the warnings need to know of a session. */
export interface PlannedSession {
  id: number;
  /** The session's day, YYYY-MM-DD, in the edition's time zone. */
  day: string;
  startsAt: Date;
  endsAt: Date;
  room: { id: number; capacity: number | null } | null;
  capacity: number | null;
  speakerIds: readonly number[];
}

export type ProgrammeWarning =
  | { kind: "room_overlap"; roomId: number; sessionIds: [number, number] }
  | { kind: "speaker_overlap"; speakerId: number; sessionIds: [number, number] }
  | { kind: "starts_before_day"; sessionIds: [number] }
  | { kind: "ends_after_day"; sessionIds: [number] }
  | { kind: "room_too_small"; roomId: number; sessionIds: [number]; capacity: number; roomCapacity: number };

const pad = (value: number, width = 2) => String(value).padStart(width, "0");
const localDate = (instant: Date, timeZone: string) => {
  const time = zonedTime(instant, timeZone);
  return { date: `${pad(time.year, 4)}-${pad(time.month)}-${pad(time.day)}`, midnight: time.hour === 0 && time.minute === 0 && time.second === 0 };
};

/** Whether two half-open intervals [start, end) share a moment: one ending as the other starts do not. */
const overlap = (a: PlannedSession, b: PlannedSession) => a.startsAt < b.endsAt && b.startsAt < a.endsAt;

/**
 * The warnings of a programme, in a stable order: by session start, then kind. Pairs name the
 * earlier session first. Local days are read in `timeZone`, the edition's.
 */
export function programmeWarnings(sessions: readonly PlannedSession[], timeZone: string): ProgrammeWarning[] {
  const ordered = [...sessions].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.id - b.id);
  const warnings: ProgrammeWarning[] = [];
  for (const [index, session] of ordered.entries()) {
    const start = localDate(session.startsAt, timeZone);
    if (start.date < session.day) warnings.push({ kind: "starts_before_day", sessionIds: [session.id] });
    const end = localDate(session.endsAt, timeZone);
    // Ending at midnight sharp still ends on the day.
    if (end.date > session.day && !(end.midnight && end.date === nextDay(session.day))) {
      warnings.push({ kind: "ends_after_day", sessionIds: [session.id] });
    } else if (start.date > session.day) {
      warnings.push({ kind: "ends_after_day", sessionIds: [session.id] });
    }
    const { room } = session;
    if (room?.capacity != null && session.capacity !== null && session.capacity > room.capacity) {
      warnings.push({ kind: "room_too_small", roomId: room.id, sessionIds: [session.id], capacity: session.capacity, roomCapacity: room.capacity });
    }
    for (const other of ordered.slice(index + 1)) {
      if (other.startsAt >= session.endsAt) continue;
      if (!overlap(session, other)) continue;
      if (room && other.room?.id === room.id) warnings.push({ kind: "room_overlap", roomId: room.id, sessionIds: [session.id, other.id] });
      for (const speakerId of session.speakerIds) {
        if (other.speakerIds.includes(speakerId)) warnings.push({ kind: "speaker_overlap", speakerId, sessionIds: [session.id, other.id] });
      }
    }
  }
  return warnings;
}

function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** The warnings that concern one session. */
export function warningsOf(warnings: readonly ProgrammeWarning[], sessionId: number): ProgrammeWarning[] {
  return warnings.filter((warning) => (warning.sessionIds as readonly number[]).includes(sessionId));
}
