-- People and their sign-in, the e-mail outbox, registrations with their answers and consents,
-- delegations, and session sign-ups.

create table person (
  id serial primary key,
  email text not null check (email = lower(email) and email like '%_@_%'),
  language text not null default 'fr' check (language in ('fr', 'en')),
  created_at timestamptz not null default now(),
  -- Set when the person deleted their account: personal fields are wiped, rows kept for counts.
  anonymised_at timestamptz
);
create unique index person_email on person (email) where anonymised_at is null;

-- Single-use sign-in links: only a hash of the token is stored.
create table sign_in_token (
  id serial primary key,
  email text not null,
  token_hash text not null unique,
  language text not null check (language in ('fr', 'en')),
  -- Where to go after signing in (a path of this site).
  return_to text,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz
);
create index sign_in_token_email on sign_in_token (email, created_at);

create table auth_session (
  id serial primary key,
  token_hash text not null unique,
  person_id integer not null references person on delete cascade,
  csrf_token text not null,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index auth_session_person on auth_session (person_id);

-- Fixed-window counters for rate limits (per e-mail address, per IP address, …).
create table rate_limit (
  key text not null,
  window_start timestamptz not null,
  count integer not null default 0,
  primary key (key, window_start)
);

-- E-mails are written here in the transaction that causes them, then sent by a worker.
create table mail_outbox (
  id serial primary key,
  to_address text not null,
  language text not null check (language in ('fr', 'en')),
  subject text not null,
  text_body text not null,
  html_body text not null,
  attachments jsonb not null default '[]',
  status text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  locked_until timestamptz,
  last_error text,
  created_at timestamptz not null default now(),
  sent_at timestamptz
);
create index mail_outbox_due on mail_outbox (next_attempt_at) where status = 'pending';

alter table edition
  add column registration_requires_approval boolean not null default false,
  add column registration_capacity integer check (registration_capacity > 0);

create table registration_question (
  id serial primary key,
  edition_id integer not null references edition on delete cascade,
  kind text not null check (kind in ('text', 'choice', 'multiple', 'yes_no')),
  label jsonb not null check (is_localised(label)),
  help jsonb check (help is null or is_localised(help)),
  -- For choice and multiple: [{"value": "vegetarian", "label": {"fr": …, "en": …}}, …]
  options jsonb not null default '[]',
  required boolean not null default false,
  -- Answers are health data: asked only with the person's explicit consent.
  health_data boolean not null default false,
  position integer not null default 0
);

create table delegation (
  id serial primary key,
  edition_id integer not null references edition on delete cascade,
  lead_person_id integer not null references person,
  organisation_name text not null,
  created_at timestamptz not null default now()
);

create table registration (
  id serial primary key,
  edition_id integer not null references edition on delete cascade,
  person_id integer not null references person,
  delegation_id integer references delegation on delete set null,
  registered_by_person_id integer references person,
  status text not null check (status in ('pending', 'confirmed', 'waitlisted', 'cancelled')),
  category text not null check (category in ('participant', 'speaker', 'partner', 'press', 'staff')),
  given_name text not null,
  family_name text not null,
  job_title text not null default '',
  email text not null,
  phone text not null default '',
  languages text[] not null default '{}',
  organisation_type text not null check (organisation_type in (
    'commune', 'intercommunality', 'department', 'region', 'foreign_local_authority', 'state_embassy',
    'network', 'ngo', 'company', 'research', 'other')),
  organisation_name text not null,
  country_code char(2) not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- Order on the waitlist: the moment the person joined it.
  waitlisted_at timestamptz,
  confirmed_at timestamptz,
  cancelled_at timestamptz,
  checked_in_at timestamptz
);
create unique index registration_active on registration (edition_id, person_id) where status <> 'cancelled';
create index registration_edition_status on registration (edition_id, status);

create table registration_answer (
  registration_id integer not null references registration on delete cascade,
  question_id integer not null references registration_question on delete cascade,
  value jsonb not null,
  primary key (registration_id, question_id)
);

-- What a person agreed to, with the exact text shown and when.
create table consent (
  id serial primary key,
  registration_id integer not null references registration on delete cascade,
  kind text not null check (kind in ('photos', 'share_contact', 'newsletter', 'health_data')),
  granted boolean not null,
  text_shown text not null,
  language text not null check (language in ('fr', 'en')),
  recorded_at timestamptz not null default now()
);
create index consent_registration on consent (registration_id, kind, recorded_at);

create table session_signup (
  id serial primary key,
  session_id integer not null references session on delete cascade,
  registration_id integer not null references registration on delete cascade,
  status text not null check (status in ('confirmed', 'waitlisted', 'cancelled')),
  created_at timestamptz not null default now(),
  waitlisted_at timestamptz,
  cancelled_at timestamptz
);
create unique index session_signup_active on session_signup (session_id, registration_id) where status <> 'cancelled';
create index session_signup_session_status on session_signup (session_id, status);

-- Secret addresses of personal calendar feeds; only hashes are kept, revoking sets revoked_at.
create table calendar_feed (
  id serial primary key,
  person_id integer not null references person on delete cascade,
  token_hash text not null unique,
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);

-- Seats of sessions in high demand are allocated from ranked wishes gathered over a period,
-- each person's first wish before anyone's second, ties broken by a published random seed.
create table wish_round (
  id serial primary key,
  edition_id integer not null references edition on delete cascade,
  opens_at timestamptz not null,
  closes_at timestamptz not null,
  seed text not null,
  allocated_at timestamptz,
  check (closes_at > opens_at)
);
alter table session add column wish_round_id integer references wish_round on delete set null;

create table session_wish (
  wish_round_id integer not null references wish_round on delete cascade,
  registration_id integer not null references registration on delete cascade,
  session_id integer not null references session on delete cascade,
  rank integer not null check (rank > 0),
  primary key (registration_id, session_id),
  unique (wish_round_id, registration_id, rank)
);
