-- Images uploaded in the back office (supporters' logos, later speakers' photos), kept in the
-- database: every process serves them, and a backup of the database holds them. Each one is
-- stored once re-encoded (WebP) and served from a path carrying its hash, so that browsers may
-- keep it for good.
create table media (
  id serial primary key,
  edition_id integer not null references edition on delete cascade,
  content_type text not null check (content_type in ('image/webp')),
  bytes bytea not null,
  width integer not null check (width > 0),
  height integer not null check (height > 0),
  -- SHA-256 of the bytes, hexadecimal: part of the address the image is served from.
  hash text not null check (hash ~ '^[0-9a-f]{64}$'),
  uploaded_by_person_id integer references person on delete set null,
  created_at timestamptz not null default now()
);
create index media_edition on media (edition_id);

alter table supporter add column logo_media_id integer references media on delete set null;

-- The local authorities thanked at the ceremony for the « Relais de la coop déc' », each with
-- what it relayed, in the order they are thanked.
create table relay_authority (
  id serial primary key,
  edition_id integer not null references edition on delete cascade,
  name jsonb not null check (is_localised(name)),
  relayed jsonb not null check (is_localised(relayed)),
  position integer not null default 0
);
create index relay_authority_edition on relay_authority (edition_id, position);
