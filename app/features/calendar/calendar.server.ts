import type { Edition } from "~/features/editions/editions.server";
import type { Session } from "~/features/programme/programme.server";
import { locales, type Language } from "~/i18n/languages";
import { translate } from "~/i18n/translate";
import { paths } from "~/lib/paths";
import { localisedString } from "~/lib/localised";
import {
  formatOffset,
  icalLocalDateTime,
  icalUtcDateTime,
  isRepeatedWallClock,
  offsetTransitions,
  zonedTime,
} from "./zoned-time";

// iCalendar (RFC 5545) files of the programme, written by hand: see
// docs/decisions/0001-calendar-files.md for why no library.

export type CalendarEdition = Pick<Edition, "year" | "time_zone" | "theme" | "venue">;

interface CalendarInput {
  edition: CalendarEdition;
  language: Language;
  /** Origin of the public site, without a trailing slash. */
  publicUrl: string;
}

/** How often a subscribed programme or agenda is fetched again. */
const refreshInterval = "PT12H";
const subscriptionLines = [`REFRESH-INTERVAL;VALUE=DURATION:${refreshInterval}`, `X-PUBLISHED-TTL:${refreshInterval}`];

/** The whole programme of an edition, in the reader's language. */
export function programmeCalendar(input: CalendarInput & { sessions: readonly Session[] }): string {
  return calendar(input, input.sessions, subscriptionLines);
}

export interface EditionSessions {
  edition: CalendarEdition;
  sessions: readonly Session[];
  /**
   * The SEQUENCE of a person's agenda (raised at each change of what they attend), so that a
   * calendar holding these events replaces them; absent in the public programme.
   */
  sequence?: number;
  /** Sessions the person no longer attends, written as cancelled so that calendars drop them. */
  cancelled?: readonly Session[];
  /** The person's announced B2B meetings. */
  meetings?: readonly CalendarMeeting[];
}

export interface CalendarMeeting {
  meetingId: number;
  startsAt: Date;
  endsAt: Date;
  table: string;
  others: readonly { name: string; organisation: string }[];
}

/**
 * A person's agenda over several editions, as one calendar to subscribe to or to open from an
 * e-mail: each session at its edition's venue and on its edition's clock, under the same UID as
 * in the programme. `stamp` is the DTSTAMP of a copy sent by e-mail: the instant it was written
 * (RFC 5545 §3.8.7.2, with a METHOD); a subscribed feed stamps each event with its last change.
 */
export function agendaCalendar(input: { language: Language; publicUrl: string; name: string; editions: readonly EditionSessions[]; stamp?: Date }): string {
  const { language, publicUrl, name, editions, stamp } = input;
  return writeCalendar({ language, publicUrl, product: "Agenda", name, extraLines: subscriptionLines, stamp }, editions);
}

/** One session, named like the programme so that calendar apps file it in the same calendar. */
export function sessionCalendar(input: CalendarInput & { session: Session }): string {
  return calendar(input, [input.session], []);
}

export function programmeCalendarFileName(year: number): string {
  return `rencontres-${year}-programme.ics`;
}

export function sessionCalendarFileName(year: number, session: Pick<Session, "id" | "title">, language: Language): string {
  const slug = localisedString(session.title, language)
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, 60)
    .replace(/^-+|-+$/g, "");
  return `rencontres-${year}-${session.id}${slug ? `-${slug}` : ""}.ics`;
}

function calendar(input: CalendarInput, sessions: readonly Session[], subscriptionLines: string[]): string {
  const { edition, language } = input;
  return writeCalendar(
    {
      language,
      publicUrl: input.publicUrl,
      product: `Programme ${edition.year}`,
      name: translate(language, "calendar.programmeName", { year: edition.year }),
      description: localisedString(edition.theme, language),
      extraLines: subscriptionLines,
    },
    [{ edition, sessions }],
  );
}

interface CalendarHeader {
  language: Language;
  publicUrl: string;
  /** Second part of PRODID. */
  product: string;
  name: string;
  description?: string;
  extraLines: string[];
  stamp?: Date;
}

function writeCalendar(header: CalendarHeader, parts: readonly EditionSessions[]): string {
  const { language, publicUrl } = header;
  // One VTIMEZONE per zone in use: editions may be held on different clocks.
  const zones = [...new Set(parts.map((part) => part.edition.time_zone))];
  const sessionsIn = (zone: string) =>
    parts.filter((part) => part.edition.time_zone === zone).flatMap((part) => [...part.sessions, ...(part.cancelled ?? [])]);
  const events = ({ edition, sessions, sequence, cancelled = [], meetings = [] }: EditionSessions) => {
    const input = { edition, language, publicUrl, stamp: header.stamp, sequence };
    return [
      ...sessions.flatMap((session) => event(input, session)),
      ...cancelled.flatMap((session) => event({ ...input, cancelled: true }, session)),
      ...meetings.flatMap((meeting) => meetingEvent(input, meeting)),
    ];
  };
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    `PRODID:-//Rencontres//${header.product}//${language.toUpperCase()}`,
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${text(header.name)}`,
    ...(header.description === undefined ? [] : [`X-WR-CALDESC:${text(header.description)}`]),
    ...zones.slice(0, 1).map((zone) => `X-WR-TIMEZONE:${zone}`),
    ...header.extraLines,
    ...zones.flatMap((zone) => timeZoneComponent(zone, sessionsIn(zone))),
    ...parts.flatMap(events),
    "END:VCALENDAR",
  ];
  return lines.map(fold).join("\r\n") + "\r\n";
}

interface EventInput extends CalendarInput {
  stamp?: Date | undefined;
  sequence?: number | undefined;
  cancelled?: boolean;
}

function event({ edition, language, publicUrl, stamp, sequence, cancelled }: EventInput, session: Session): string[] {
  const { venue } = edition;
  const host = new URL(publicUrl).hostname;
  const zone = edition.time_zone;
  const pageUrl = publicUrl + paths.session(language, edition.year, session.id);
  const country = new Intl.DisplayNames([locales[language]], { type: "region" }).of(venue.country_code);
  const location = [
    session.room?.name[language],
    venue.name,
    venue.street_address,
    `${venue.postal_code} ${venue.locality}`,
    country,
  ].filter((part) => part);
  const speakers = session.speakers.map((speaker) => {
    const part = speaker.part === "moderator" ? ` (${translate(language, "session.moderator")})` : "";
    const about = speaker.role?.[language] ?? speaker.organisation;
    return `- ${speaker.name}${part}${about ? `, ${about}` : ""}`;
  });
  const description = [
    session.description ? localisedString(session.description, language) : undefined,
    speakers.length > 0 ? [translate(language, "calendar.speakers"), ...speakers].join("\n") : undefined,
    pageUrl,
  ].filter((paragraph) => paragraph);
  const languageParameter = `;LANGUAGE=${language}`;
  return [
    "BEGIN:VEVENT",
    `UID:${text(`${session.uid}@${host}`)}`,
    `DTSTAMP:${icalUtcDateTime(stamp ?? session.updated_at)}`,
    `LAST-MODIFIED:${icalUtcDateTime(session.updated_at)}`,
    ...(sequence === undefined ? [] : [`SEQUENCE:${sequence}`]),
    ...(cancelled ? ["STATUS:CANCELLED"] : []),
    dateTime("DTSTART", session.starts_at, zone),
    dateTime("DTEND", session.ends_at, zone),
    `SUMMARY${languageParameter}:${text(localisedString(session.title, language))}`,
    `DESCRIPTION${languageParameter}:${text(description.join("\n\n"))}`,
    `LOCATION${languageParameter}:${text(location.join(", "))}`,
    ...(venue.latitude !== null && venue.longitude !== null ? [`GEO:${venue.latitude};${venue.longitude}`] : []),
    `URL:${pageUrl}`,
    `CATEGORIES${languageParameter}:${text(translate(language, `kind.${session.kind}`))}`,
    "END:VEVENT",
  ];
}

/** A B2B meeting: its time, its table at the edition's venue, and who the person meets. */
function meetingEvent({ edition, language, publicUrl, stamp, sequence }: EventInput, meeting: CalendarMeeting): string[] {
  const host = new URL(publicUrl).hostname;
  const names = meeting.others.map((other) => other.name).join(", ");
  const languageParameter = `;LANGUAGE=${language}`;
  const description = [
    translate(language, "meetings.calendar.description", { table: meeting.table }),
    ...meeting.others.map((other) => `- ${other.name}, ${other.organisation}`),
    publicUrl + paths.meetingRequests(language, edition.year),
  ];
  return [
    "BEGIN:VEVENT",
    `UID:${text(`meeting-${meeting.meetingId}@${host}`)}`,
    `DTSTAMP:${icalUtcDateTime(stamp ?? meeting.startsAt)}`,
    ...(sequence === undefined ? [] : [`SEQUENCE:${sequence}`]),
    dateTime("DTSTART", meeting.startsAt, edition.time_zone),
    dateTime("DTEND", meeting.endsAt, edition.time_zone),
    `SUMMARY${languageParameter}:${text(translate(language, "meetings.calendar.summary", { names }))}`,
    `DESCRIPTION${languageParameter}:${text(description.join("\n"))}`,
    `LOCATION${languageParameter}:${text([meeting.table, edition.venue.name].join(", "))}`,
    `CATEGORIES${languageParameter}:${text(translate(language, "kind.b2b"))}`,
    "END:VEVENT",
  ];
}

/**
 * A DATE-TIME read on the edition's clock. An instant of the hour repeated when clocks go back is
 * written in UTC instead: readers disagree on which of the two occurrences a local time names.
 */
function dateTime(name: "DTSTART" | "DTEND", instant: Date, timeZone: string): string {
  if (isRepeatedWallClock(instant, timeZone)) return `${name}:${icalUtcDateTime(instant)}`;
  return `${name};TZID=${timeZone}:${icalLocalDateTime(zonedTime(instant, timeZone))}`;
}

/**
 * The VTIMEZONE of `timeZone` over the whole years of the sessions: one observance for the offset
 * in force when that span starts, then one for each change of offset within it.
 */
function timeZoneComponent(timeZone: string, sessions: readonly Session[]): string[] {
  const years = sessions.flatMap((s) => [zonedTime(s.starts_at, timeZone).year, zonedTime(s.ends_at, timeZone).year]);
  if (years.length === 0) return [];
  // Finding the offset changes scans the years day by day: worth doing once per zone and span.
  const key = `${timeZone} ${Math.min(...years)} ${Math.max(...years)}`;
  let component = timeZoneComponents.get(key);
  if (!component) {
    component = computeTimeZoneComponent(timeZone, Math.min(...years), Math.max(...years));
    timeZoneComponents.set(key, component);
  }
  return component;
}

const timeZoneComponents = new Map<string, string[]>();

function computeTimeZoneComponent(timeZone: string, firstYear: number, lastYear: number): string[] {
  // Midnight UTC on the eve of the first year and the morrow of the last one falls outside those
  // years' local days in every time zone (offsets lie within ±14 hours).
  const from = new Date(Date.UTC(firstYear - 1, 11, 31));
  const to = new Date(Date.UTC(lastYear + 1, 0, 2));
  const initialOffset = zonedTime(from, timeZone).offsetSeconds;
  const transitions = offsetTransitions(timeZone, from, to);
  const standardOffset = Math.min(initialOffset, ...transitions.map((t) => t.offsetTo));
  const observance = (at: Date, offsetFrom: number, offsetTo: number) => {
    const kind = offsetTo > standardOffset ? "DAYLIGHT" : "STANDARD";
    // An observance starts at the time read on the clock before the change (RFC 5545 §3.6.5).
    const onset = zonedTime(new Date(at.getTime() + offsetFrom * 1000), "UTC");
    return [
      `BEGIN:${kind}`,
      `DTSTART:${icalLocalDateTime(onset)}`,
      `TZOFFSETFROM:${formatOffset(offsetFrom, "")}`,
      `TZOFFSETTO:${formatOffset(offsetTo, "")}`,
      `END:${kind}`,
    ];
  };
  return [
    "BEGIN:VTIMEZONE",
    `TZID:${timeZone}`,
    ...observance(from, initialOffset, initialOffset),
    ...transitions.flatMap((t) => observance(t.at, t.offsetFrom, t.offsetTo)),
    "END:VTIMEZONE",
  ];
}

/** A TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks escaped. */
function text(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n")
    // eslint-disable-next-line no-control-regex -- TEXT may hold no control character but tab
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "");
}

/** Splits a content line into lines of at most 75 octets, never inside a UTF-8 sequence (§3.1). */
function fold(line: string): string {
  let folded = "";
  let octets = 0;
  for (const character of line) {
    const size = utf8Length(character.codePointAt(0) ?? 0);
    if (octets + size > 75) {
      folded += "\r\n ";
      octets = 1;
    }
    folded += character;
    octets += size;
  }
  return folded;
}

function utf8Length(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  if (codePoint < 0x10000) return 3;
  return 4;
}
