-- Profiles for B2B meetings: what a registered participant chooses to show to the others of the
-- edition, published only with their explicit consent (kept, with its history, in `consent`).

alter table consent drop constraint consent_kind_check;
alter table consent add constraint consent_kind_check
  check (kind in ('photos', 'share_contact', 'newsletter', 'health_data', 'meeting_profile'));

-- The bilingual list of themes that organisers keep per edition and profiles pick from.
create table meeting_theme (
  id serial primary key,
  edition_id integer not null references edition (id) on delete cascade,
  label jsonb not null check (jsonb_typeof(label) = 'object'),
  position integer not null default 0,
  created_at timestamptz not null default now()
);
create index meeting_theme_edition on meeting_theme (edition_id, position);

create table meeting_profile (
  registration_id integer primary key references registration (id) on delete cascade,
  edition_id integer not null references edition (id) on delete cascade,
  -- Set while the person's consent stands; the directory shows only these.
  published_at timestamptz,
  region text not null default '',
  photo_media_id integer references media (id) on delete set null,
  offer text not null default '',
  seek text not null default '',
  updated_at timestamptz not null default now(),
  -- The profile's own words folded like registration.search_text, which holds name, organisation and city.
  search_text text generated always as (search_fold(region || ' ' || offer || ' ' || seek)) stored not null
);
create index meeting_profile_published on meeting_profile (edition_id) where published_at is not null;

create table meeting_profile_theme (
  registration_id integer not null references meeting_profile (registration_id) on delete cascade,
  theme_id integer not null references meeting_theme (id) on delete cascade,
  primary key (registration_id, theme_id)
);
create index meeting_profile_theme_theme on meeting_profile_theme (theme_id);

-- Countries where the person acts or wants to act (ISO 3166 alpha-2).
create table meeting_profile_country (
  registration_id integer not null references meeting_profile (registration_id) on delete cascade,
  country_code text not null check (country_code ~ '^[A-Z]{2}$'),
  primary key (registration_id, country_code)
);
create index meeting_profile_country_code on meeting_profile_country (country_code);
