-- The « Cafés des Rencontres »: small conversation tables during the programme's café blocks,
-- each kept by a host, that participants join for one round at a time.

-- The organisers' settings of an edition's cafés.
create table cafe_settings (
  edition_id integer primary key references edition (id) on delete cascade,
  -- Each café block of the programme is cut into rounds of this length.
  round_minutes integer not null default 30 check (round_minutes between 10 and 240),
  -- 'booking': first come, first served; 'wishes': ranked wishes, then a fair allocation.
  mode text not null default 'booking' check (mode in ('booking', 'wishes')),
  -- Wishes are taken until then (wishes mode).
  wishes_close_at timestamptz,
  -- When the wishes were allocated, and the seed of the draw order (published with the result).
  allocated_at timestamptz,
  seed text
);

-- A host's table during one café block of the programme, for all its rounds.
create table cafe (
  id serial primary key,
  edition_id integer not null references edition (id) on delete cascade,
  session_id integer not null references session (id) on delete cascade,
  host_registration_id integer not null references registration (id) on delete cascade,
  -- What the table talks about, in both languages (decision 0003).
  topic jsonb not null check (jsonb_typeof(topic) = 'object'),
  -- The language of the conversation (the registration form's spoken languages).
  language text not null check (language ~ '^[a-z]{2}$'),
  table_label text not null check (char_length(table_label) between 1 and 40),
  -- Seats per round, the host not counted.
  seats integer not null check (seats between 1 and 20),
  created_at timestamptz not null default now(),
  unique (session_id, table_label),
  -- A host keeps one table per block.
  unique (session_id, host_registration_id)
);
create index cafe_edition on cafe (edition_id, session_id);
create index cafe_host on cafe (host_registration_id);

-- A participant's seat at a café for one round. Nobody holds two café seats at once; seats of a
-- café are given under a lock of its row.
create table cafe_seat (
  cafe_id integer not null references cafe (id) on delete cascade,
  round_starts_at timestamptz not null,
  round_ends_at timestamptz not null,
  registration_id integer not null references registration (id) on delete cascade,
  created_at timestamptz not null default now(),
  check (round_ends_at > round_starts_at),
  primary key (cafe_id, round_starts_at, registration_id),
  constraint cafe_seat_once_per_round unique (registration_id, round_starts_at)
);

-- A participant's ranked wishes of cafés (wishes mode), over all the rounds.
create table cafe_wish (
  registration_id integer not null references registration (id) on delete cascade,
  cafe_id integer not null references cafe (id) on delete cascade,
  rank integer not null check (rank between 1 and 50),
  primary key (registration_id, cafe_id),
  unique (registration_id, rank)
);
create index cafe_wish_cafe on cafe_wish (cafe_id);
