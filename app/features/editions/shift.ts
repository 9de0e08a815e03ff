import { Temporal } from "temporal-polyfill";

// Moving an edition's dates by whole days: a day stays a calendar date, an instant keeps its local
// time in the edition's time zone (a 09:30 session stays at 09:30 across a change of offset).

/** The calendar date `days` after `day` (YYYY-MM-DD). */
export function shiftDay(day: string, days: number): string {
  return Temporal.PlainDate.from(day).add({ days }).toString();
}

/** The instant `days` later by the wall clock of `timeZone`. */
export function shiftInstant(instant: Date, days: number, timeZone: string): Date {
  const moved = Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toZonedDateTimeISO(timeZone).add({ days });
  return new Date(moved.epochMilliseconds);
}

/** Days from `from` to `to` (both YYYY-MM-DD), negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Temporal.PlainDate.from(from).until(Temporal.PlainDate.from(to), { largestUnit: "days" }).days;
}
