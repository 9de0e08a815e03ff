import type { ColumnType, Generated } from "kysely";

/** A text stored in both languages of the site. */
export type Localised = { fr: string; en: string };

/** jsonb column holding a localised text: written as JSON, read as an object. */
type LocalisedColumn = ColumnType<Localised, string, string>;
type NullableLocalisedColumn = ColumnType<Localised | null, string | null, string | null>;
type Instant = ColumnType<Date, Date | string, Date | string>;
type CreatedInstant = ColumnType<Date, Date | string | undefined, Date | string>;

export interface SiteStateTable {
  id: Generated<boolean>;
  content_version: ColumnType<string, never, string>;
}

export interface VenueTable {
  id: Generated<number>;
  name: string;
  street_address: string;
  postal_code: string;
  locality: string;
  country_code: string;
  website: string | null;
  latitude: number | null;
  longitude: number | null;
}

export type AccessMode = "metro" | "rer" | "bus" | "tram" | "parking" | "bicycle" | "accessibility";

export interface VenueAccessTable {
  id: Generated<number>;
  venue_id: number;
  mode: AccessMode;
  details: LocalisedColumn;
  position: Generated<number>;
}

export interface EditionTable {
  id: Generated<number>;
  number: number;
  year: number;
  title: LocalisedColumn;
  theme: LocalisedColumn;
  summary: LocalisedColumn;
  time_zone: Generated<string>;
  venue_id: number;
  registration_opens_at: Instant;
  registration_closes_at: Instant;
  hashtag: string | null;
  honoured_country_code: string | null;
  honour_text: NullableLocalisedColumn;
  published: Generated<boolean>;
  created_at: CreatedInstant;
  updated_at: CreatedInstant;
}

export interface EditionDayTable {
  id: Generated<number>;
  edition_id: number;
  /** ISO date, YYYY-MM-DD (parsed as text, never as a Date). */
  day: string;
}

export interface EditionContactTable {
  id: Generated<number>;
  edition_id: number;
  name: string;
  role: LocalisedColumn;
  email: string | null;
  phone: string | null;
  position: Generated<number>;
}

export type LinkKind = "website" | "event_site" | "x" | "linkedin" | "facebook" | "instagram" | "youtube" | "bluesky" | "mastodon";

export interface EditionLinkTable {
  id: Generated<number>;
  edition_id: number;
  kind: LinkKind;
  url: string;
  label: LocalisedColumn;
  position: Generated<number>;
}

export type SupporterRole = "organiser" | "support" | "funder" | "partner" | "media";

export interface SupporterTable {
  id: Generated<number>;
  edition_id: number;
  name: LocalisedColumn;
  acronym: NullableLocalisedColumn;
  role: SupporterRole;
  note: NullableLocalisedColumn;
  website: string | null;
  position: Generated<number>;
}

export interface RoomTable {
  id: Generated<number>;
  venue_id: number;
  name: LocalisedColumn;
  capacity: number | null;
}

export interface SpeakerTable {
  id: Generated<number>;
  name: string;
  role: NullableLocalisedColumn;
  organisation: string | null;
}

export const sessionKinds = [
  "welcome",
  "opening",
  "plenary",
  "conference",
  "workshop_thematic",
  "workshop_regional",
  "regional_meeting",
  "b2b",
  "cafe",
  "break",
  "meal",
  "ceremony",
  "networking",
  "closing",
] as const;
export type SessionKind = (typeof sessionKinds)[number];

export interface SessionTable {
  id: Generated<number>;
  uid: Generated<string>;
  edition_id: number;
  day_id: number;
  starts_at: Instant;
  ends_at: Instant;
  kind: SessionKind;
  title: LocalisedColumn;
  description: NullableLocalisedColumn;
  room_id: number | null;
  capacity: number | null;
  requires_signup: Generated<boolean>;
  position: Generated<number>;
  updated_at: CreatedInstant;
}

export interface SessionSpeakerTable {
  session_id: number;
  speaker_id: number;
  role: "speaker" | "moderator";
  position: Generated<number>;
}

export interface DB {
  site_state: SiteStateTable;
  venue: VenueTable;
  venue_access: VenueAccessTable;
  edition: EditionTable;
  edition_day: EditionDayTable;
  edition_contact: EditionContactTable;
  edition_link: EditionLinkTable;
  supporter: SupporterTable;
  room: RoomTable;
  speaker: SpeakerTable;
  session: SessionTable;
  session_speaker: SessionSpeakerTable;
}
