-- Messages to participants, written in French and English, sent to the registrations of a filter
-- (which may name saved segments), and reminders: the same, started by the server at a time
-- relative to the first or the last day of the edition.
create table message (
  id integer generated always as identity primary key,
  edition_id integer not null references edition on delete cascade,
  kind text not null check (kind in ('message', 'reminder')),
  -- Localised {fr, en}: the subject is plain text, the body Markdown; both may hold placeholders.
  subject jsonb not null check (jsonb_typeof(subject) = 'object'),
  body jsonb not null check (jsonb_typeof(body) = 'object'),
  -- A RegistrationFilter (app/features/segments/filter.ts).
  filter jsonb not null check (jsonb_typeof(filter) = 'object'),
  -- draft → sending → queued for a message; scheduled → sending → queued (or missed) for a reminder.
  status text not null check (status in ('draft', 'scheduled', 'sending', 'queued', 'missed')),
  -- Reminders only: when, on the edition's clock.
  anchor text check (anchor in ('start', 'end')),
  offset_days integer check (offset_days between -365 and 365),
  send_time text check (send_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  enabled boolean not null default true,
  -- Frozen with the recipients, when sending starts.
  recipient_count integer,
  created_by_person_id integer references person on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- Who confirmed a message (null for a reminder, which the server starts), and when it started.
  confirmed_by_person_id integer references person on delete set null,
  confirmed_at timestamptz,
  queued_at timestamptz,
  missed_at timestamptz,
  check ((kind = 'reminder') = (anchor is not null and offset_days is not null and send_time is not null)),
  check (kind = 'reminder' or status not in ('scheduled', 'missed'))
);
create index message_edition on message (edition_id, id);
create index message_in_progress on message (id) where status in ('scheduled', 'sending');

-- Who gets a message, frozen when it starts (one statement), each in their language. A recipient
-- is queued (queued_at, outbox_id) in the same transaction as its e-mail enters the outbox.
create table message_recipient (
  message_id integer not null references message on delete cascade,
  registration_id integer not null references registration on delete cascade,
  language text not null check (language in ('fr', 'en')),
  -- The e-mail in the outbox; null once the outbox purged it (queued_at still says it left).
  outbox_id integer references mail_outbox on delete set null,
  queued_at timestamptz,
  primary key (message_id, registration_id)
);
create index message_recipient_waiting on message_recipient (message_id, registration_id) where queued_at is null;
create index message_recipient_outbox on message_recipient (outbox_id) where outbox_id is not null;
