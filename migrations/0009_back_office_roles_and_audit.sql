-- Who may work in the back office, on which edition, and what they did there.

-- A role held by a person on one edition, or on every edition when edition_id is null. A revoked
-- role stays, with who revoked it and when, so that the team's history can be read back.
create table staff_role (
  id serial primary key,
  person_id integer not null references person on delete cascade,
  edition_id integer references edition on delete cascade,
  role text not null check (role in ('owner', 'organiser', 'checkin', 'partner')),
  granted_at timestamptz not null default now(),
  granted_by_person_id integer references person on delete set null,
  revoked_at timestamptz,
  revoked_by_person_id integer references person on delete set null,
  check (revoked_at is null or revoked_at >= granted_at)
);
-- One live grant of a role per person and edition (or per person for every edition).
create unique index staff_role_live on staff_role (person_id, coalesce(edition_id, 0), role) where revoked_at is null;
create index staff_role_person on staff_role (person_id) where revoked_at is null;

-- When the session last passed a second factor: the back office asks again past 12 hours.
alter table auth_session add column second_factor_at timestamptz;

-- Every change made in the back office. The actor is copied as they were (no foreign key: the
-- log outlives accounts and editions, and must never be rewritten by a cascade).
create table audit_log (
  id bigserial primary key,
  at timestamptz not null default now(),
  actor_person_id integer,
  actor_email text,
  edition_id integer,
  action text not null check (action ~ '^[a-z][a-z_]*(\.[a-z][a-z_]*)+$'),
  subject_type text not null,
  subject_id text,
  before jsonb,
  after jsonb
);
create index audit_log_at on audit_log (at desc, id desc);
create index audit_log_edition on audit_log (edition_id, at desc);
create index audit_log_actor on audit_log (actor_person_id, at desc);

-- Append-only, whoever connects: no update, delete or truncate succeeds.
create function audit_log_refuse_change() returns trigger language plpgsql as $$
begin
  raise exception 'the audit log is append-only' using errcode = 'insufficient_privilege';
end
$$;
create trigger audit_log_no_update_or_delete before update or delete on audit_log
  for each row execute function audit_log_refuse_change();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function audit_log_refuse_change();
