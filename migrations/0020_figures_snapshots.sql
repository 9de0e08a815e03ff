-- The figures of an edition frozen at a date, for a report to funders: kept as they were shown,
-- whatever registrations change afterwards. Who froze them is copied (the person may be erased).
create table figures_snapshot (
  id integer generated always as identity primary key,
  edition_id integer not null references edition on delete cascade,
  frozen_at timestamptz not null,
  frozen_by_person_id integer references person on delete set null,
  frozen_by_email text not null,
  -- The segment the figures were restricted to, by name as it was then; null for the whole edition.
  segment_name text,
  figures jsonb not null check (jsonb_typeof(figures) = 'object')
);
create index figures_snapshot_edition on figures_snapshot (edition_id, frozen_at desc);
