-- Requests for B2B meetings between participants of an edition, and what each can give them.

-- The organisers' settings of an edition's meetings.
create table meeting_settings (
  edition_id integer primary key references edition (id) on delete cascade,
  -- Requests still pending at this instant expire; null leaves them open.
  requests_close_at timestamptz
);

-- How many meetings a person takes at most (null: no limit of their own).
alter table meeting_profile add column max_meetings integer check (max_meetings between 0 and 100);

create table meeting_request (
  id serial primary key,
  edition_id integer not null references edition (id) on delete cascade,
  requester_registration_id integer not null references registration (id) on delete cascade,
  invitee_registration_id integer not null references registration (id) on delete cascade,
  -- A meeting of the two delegations rather than of the two people.
  group_meeting boolean not null default false,
  priority text not null check (priority in ('must', 'would_like')),
  message text not null default '',
  status text not null default 'pending' check (status in ('pending', 'accepted', 'declined', 'withdrawn', 'expired', 'redirected')),
  created_at timestamptz not null default now(),
  answered_at timestamptz,
  -- A request the invitee passed on to a colleague of their delegation.
  redirected_from_id integer references meeting_request (id) on delete set null,
  check (requester_registration_id <> invitee_registration_id)
);
-- One open request between two people, whichever asked.
create unique index meeting_request_open_pair on meeting_request (
  least(requester_registration_id, invitee_registration_id),
  greatest(requester_registration_id, invitee_registration_id)
) where status in ('pending', 'accepted');
create index meeting_request_invitee on meeting_request (invitee_registration_id, status);
create index meeting_request_requester on meeting_request (requester_registration_id, status);
create index meeting_request_edition on meeting_request (edition_id, status);

-- The B2B blocks of the programme in which a person cannot meet.
create table meeting_unavailability (
  registration_id integer not null references registration (id) on delete cascade,
  session_id integer not null references session (id) on delete cascade,
  primary key (registration_id, session_id)
);
