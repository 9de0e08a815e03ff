-- Editions, their venue and practical information, partners, and programmes.
-- Every text a visitor reads is a localised jsonb value {"fr": "...", "en": "..."}.

create function is_localised(value jsonb) returns boolean
  language sql immutable
  as $$ select jsonb_typeof(value) = 'object'
              and jsonb_typeof(value -> 'fr') = 'string' and length(value ->> 'fr') > 0
              and jsonb_typeof(value -> 'en') = 'string' and length(value ->> 'en') > 0 $$;

-- Bumped by every change to public content, so that cached pages are revalidated.
create table site_state (
  id boolean primary key default true check (id),
  content_version bigint not null default 1
);
insert into site_state default values;

create table venue (
  id serial primary key,
  name text not null,
  street_address text not null,
  postal_code text not null,
  locality text not null,
  country_code char(2) not null,
  website text,
  latitude double precision,
  longitude double precision
);

-- How to get there: one line per mode (metro, bus, parking, …).
create table venue_access (
  id serial primary key,
  venue_id integer not null references venue on delete cascade,
  mode text not null check (mode in ('metro', 'rer', 'bus', 'tram', 'parking', 'bicycle', 'accessibility')),
  details jsonb not null check (is_localised(details)),
  position integer not null default 0
);

create table edition (
  id serial primary key,
  number integer not null unique check (number > 0),
  year integer not null unique check (year between 1900 and 2200),
  title jsonb not null check (is_localised(title)),
  theme jsonb not null check (is_localised(theme)),
  summary jsonb not null check (is_localised(summary)),
  time_zone text not null default 'Europe/Paris',
  venue_id integer not null references venue,
  registration_opens_at timestamptz not null,
  registration_closes_at timestamptz not null,
  hashtag text,
  honoured_country_code char(2),
  honour_text jsonb check (honour_text is null or is_localised(honour_text)),
  published boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (registration_closes_at > registration_opens_at)
);

create table edition_day (
  id serial primary key,
  edition_id integer not null references edition on delete cascade,
  day date not null,
  unique (edition_id, day)
);

create table edition_contact (
  id serial primary key,
  edition_id integer not null references edition on delete cascade,
  name text not null,
  role jsonb not null check (is_localised(role)),
  email text,
  phone text,
  position integer not null default 0
);

create table edition_link (
  id serial primary key,
  edition_id integer not null references edition on delete cascade,
  kind text not null check (kind in ('website', 'event_site', 'x', 'linkedin', 'facebook', 'instagram', 'youtube', 'bluesky', 'mastodon')),
  url text not null,
  label jsonb not null check (is_localised(label)),
  position integer not null default 0
);

create table supporter (
  id serial primary key,
  edition_id integer not null references edition on delete cascade,
  name jsonb not null check (is_localised(name)),
  acronym jsonb check (acronym is null or is_localised(acronym)),
  role text not null check (role in ('organiser', 'support', 'funder', 'partner', 'media')),
  note jsonb check (note is null or is_localised(note)),
  website text,
  position integer not null default 0
);

create table room (
  id serial primary key,
  venue_id integer not null references venue on delete cascade,
  name jsonb not null check (is_localised(name)),
  capacity integer check (capacity > 0)
);

create table speaker (
  id serial primary key,
  name text not null,
  role jsonb check (role is null or is_localised(role)),
  organisation text
);

create table session (
  id serial primary key,
  uid uuid not null unique default gen_random_uuid(),
  edition_id integer not null references edition on delete cascade,
  day_id integer not null references edition_day on delete cascade,
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  kind text not null check (kind in (
    'welcome', 'opening', 'plenary', 'conference', 'workshop_thematic', 'workshop_regional',
    'regional_meeting', 'b2b', 'cafe', 'break', 'meal', 'ceremony', 'networking', 'closing')),
  title jsonb not null check (is_localised(title)),
  description jsonb check (description is null or is_localised(description)),
  room_id integer references room on delete set null,
  capacity integer check (capacity > 0),
  requires_signup boolean not null default false,
  position integer not null default 0,
  updated_at timestamptz not null default now(),
  check (ends_at > starts_at),
  check (not requires_signup or capacity is not null)
);
create index session_edition_time on session (edition_id, starts_at, position);

create table session_speaker (
  session_id integer not null references session on delete cascade,
  speaker_id integer not null references speaker on delete cascade,
  role text not null check (role in ('speaker', 'moderator')),
  position integer not null default 0,
  primary key (session_id, speaker_id)
);
