// Wall-clock times of an edition's time zone, computed with Intl only, so that the server's own
// time zone (process.env.TZ) never enters a calendar file or a structured-data date. Local times
// typed by people become instants through Temporal (polyfilled), which reads the same tz data.
import { Temporal } from "temporal-polyfill";

/** What a clock in a time zone reads at an instant, and that zone's offset from UTC then. */
export interface ZonedTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  offsetSeconds: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, format);
  }
  return format;
}

export function zonedTime(instant: Date, timeZone: string): ZonedTime {
  const parts = Object.fromEntries(
    partsFormatter(timeZone)
      .formatToParts(instant)
      .map((part) => [part.type, Number(part.value)]),
  ) as Record<Intl.DateTimeFormatPartTypes, number>;
  const wholeSeconds = Math.floor(instant.getTime() / 1000) * 1000;
  const wallClockAsUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour,
    minute: parts.minute,
    second: parts.second,
    offsetSeconds: Math.round((wallClockAsUtc - wholeSeconds) / 1000),
  };
}

const pad = (value: number, width = 2) => String(value).padStart(width, "0");

/** "+02:00" (ISO 8601) or "+0200" (RFC 5545), with seconds only when a zone has them. */
export function formatOffset(offsetSeconds: number, separator: "" | ":"): string {
  const sign = offsetSeconds < 0 ? "-" : "+";
  const absolute = Math.abs(offsetSeconds);
  const seconds = absolute % 60;
  const hoursAndMinutes = `${pad(Math.floor(absolute / 3600))}${separator}${pad(Math.floor(absolute / 60) % 60)}`;
  return `${sign}${hoursAndMinutes}${seconds ? `${separator}${pad(seconds)}` : ""}`;
}

/** "2026-07-08T14:00:00+02:00": the instant as read in `timeZone`, with that zone's offset. */
export function isoWithOffset(instant: Date, timeZone: string): string {
  const time = zonedTime(instant, timeZone);
  const date = `${pad(time.year, 4)}-${pad(time.month)}-${pad(time.day)}`;
  return `${date}T${pad(time.hour)}:${pad(time.minute)}:${pad(time.second)}${formatOffset(time.offsetSeconds, ":")}`;
}

/** "20260708T140000": an RFC 5545 local DATE-TIME, to be qualified by a TZID. */
export function icalLocalDateTime(time: ZonedTime): string {
  return `${pad(time.year, 4)}${pad(time.month)}${pad(time.day)}T${pad(time.hour)}${pad(time.minute)}${pad(time.second)}`;
}

/** "20260708T120000Z": an RFC 5545 UTC DATE-TIME. */
export function icalUtcDateTime(instant: Date): string {
  return `${icalLocalDateTime(zonedTime(instant, "UTC"))}Z`;
}

const dayInMs = 86_400_000;

/** Whether the clock of `timeZone` reads the same at another instant: the hour repeated when clocks go back. */
export function isRepeatedWallClock(instant: Date, timeZone: string): boolean {
  const { offsetSeconds } = zonedTime(instant, timeZone);
  const wallClockAsUtc = instant.getTime() + offsetSeconds * 1000;
  return [-dayInMs, dayInMs].some((shift) => {
    const otherOffset = zonedTime(new Date(instant.getTime() + shift), timeZone).offsetSeconds;
    const otherInstant = new Date(wallClockAsUtc - otherOffset * 1000);
    return otherOffset !== offsetSeconds && zonedTime(otherInstant, timeZone).offsetSeconds === otherOffset;
  });
}

export interface OffsetTransition {
  /** The first instant of the new offset. */
  at: Date;
  offsetFrom: number;
  offsetTo: number;
}

/**
 * Every change of UTC offset of `timeZone` between two instants, as the runtime's tz database
 * knows it. Probes day by day, then narrows each change down to the millisecond.
 */
export function offsetTransitions(timeZone: string, from: Date, to: Date): OffsetTransition[] {
  const offsetAt = (ms: number) => zonedTime(new Date(ms), timeZone).offsetSeconds;
  const transitions: OffsetTransition[] = [];
  let before = from.getTime();
  let offsetBefore = offsetAt(before);
  while (before < to.getTime()) {
    const after = Math.min(before + dayInMs, to.getTime());
    const offsetAfter = offsetAt(after);
    if (offsetAfter !== offsetBefore) {
      let low = before;
      let high = after;
      while (high - low > 1) {
        const middle = Math.floor((low + high) / 2);
        if (offsetAt(middle) === offsetBefore) low = middle;
        else high = middle;
      }
      transitions.push({ at: new Date(high), offsetFrom: offsetBefore, offsetTo: offsetAfter });
    }
    before = after;
    offsetBefore = offsetAfter;
  }
  return transitions;
}

/**
 * The instant at which a clock in `timeZone` reads `local` (YYYY-MM-DDTHH:MM), as RFC 5545 and
 * Temporal's "compatible" read it: in the hour repeated when clocks go back, the first
 * occurrence; in the hour skipped when they go forward, the time shifted forward by the gap
 * (02:30 on a night that jumps from 02:00 to 03:00 is 03:30). See docs/decisions/0013-local-times.md.
 */
export function instantAt(local: string, timeZone: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)) throw new RangeError(`not a local date and time: ${local}`);
  // PlainDateTime.from refuses impossible dates (2026-02-30) and hours (25:00) with a RangeError.
  const wallClock = Temporal.PlainDateTime.from(local, { overflow: "reject" });
  return new Date(wallClock.toZonedDateTime(timeZone, { disambiguation: "compatible" }).epochMilliseconds);
}
