-- The organisers' board: the B2B blocks cut into slots, the tables of the partners' area, and
-- the meetings placed on them.

-- Minutes of one meeting slot; the blocks are cut into slots of this length.
alter table meeting_settings add column slot_minutes integer not null default 20 check (slot_minutes between 5 and 240);
-- When the schedule was first sent to participants; null while it is a draft.
alter table meeting_settings add column published_at timestamptz;
-- The last run of the engine: its value, the bound no schedule can pass, what it placed, how long it took.
alter table meeting_settings add column last_run jsonb;
-- Raised by every change of placed meetings: a run of the engine that saw an older board is not written.
alter table meeting_settings add column board_version integer not null default 0;

-- Whoever runs the B2B meetings without the rest of the back office.
alter table staff_role drop constraint staff_role_role_check;
alter table staff_role add constraint staff_role_role_check check (role in ('owner', 'organiser', 'meetings', 'checkin', 'partner'));

-- A meeting accepted and then called off by one of its people.
alter table meeting_request drop constraint meeting_request_status_check;
alter table meeting_request add constraint meeting_request_status_check
  check (status in ('pending', 'accepted', 'declined', 'withdrawn', 'expired', 'redirected', 'cancelled'));

create table meeting_table (
  id serial primary key,
  edition_id integer not null references edition (id) on delete cascade,
  label text not null check (char_length(label) between 1 and 40),
  seats integer not null check (seats between 2 and 40),
  position integer not null,
  unique (edition_id, label)
);

create table meeting_slot (
  id serial primary key,
  edition_id integer not null references edition (id) on delete cascade,
  session_id integer not null references session (id) on delete cascade,
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  check (ends_at > starts_at),
  unique (session_id, starts_at)
);
create index meeting_slot_edition on meeting_slot (edition_id, starts_at);

create table meeting (
  id serial primary key,
  edition_id integer not null references edition (id) on delete cascade,
  request_id integer not null unique references meeting_request (id) on delete cascade,
  slot_id integer not null references meeting_slot (id),
  table_id integer not null references meeting_table (id),
  -- Kept where it is when the engine runs again.
  locked boolean not null default false,
  -- Sent to its people: also kept where it is, unless a rule it breaks forces it to move.
  announced boolean not null default false,
  placed_by text not null check (placed_by in ('engine', 'organiser', 'participants')),
  placed_at timestamptz not null default now(),
  -- Deferred, so that a swap can exchange two places within one transaction.
  constraint meeting_table_once_per_slot unique (slot_id, table_id) deferrable initially deferred,
  unique (id, slot_id)
);
create index meeting_edition on meeting (edition_id);

-- The people of a meeting, with its slot copied (and kept in step) so that the database itself
-- refuses a person in two meetings at once.
create table meeting_attendee (
  meeting_id integer not null,
  registration_id integer not null references registration (id) on delete cascade,
  slot_id integer not null,
  primary key (meeting_id, registration_id),
  foreign key (meeting_id, slot_id) references meeting (id, slot_id) on delete cascade on update cascade deferrable initially deferred,
  constraint meeting_attendee_once_per_slot unique (registration_id, slot_id) deferrable initially deferred
);

-- What each person was last sent of their meetings: a publication writes only to those whose
-- meetings changed since.
create table meeting_announcement (
  registration_id integer primary key references registration (id) on delete cascade,
  digest text not null,
  announced_at timestamptz not null
);
