-- A delegation lead invites colleagues instead of registering them: an invitation holds only
-- what the lead typed and the hash of a secret link; the colleague's registration exists only
-- once they accept it, filled in and consented to by themselves.

create table delegation_invitation (
  id serial primary key,
  edition_id integer not null references edition on delete cascade,
  lead_person_id integer not null references person,
  given_name text not null,
  family_name text not null,
  job_title text not null default '',
  email text not null check (email = lower(email) and email like '%_@_%'),
  -- The language of the e-mail and of the link it carries.
  language text not null check (language in ('fr', 'en')),
  token_hash text not null unique,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  -- At most one of these is set: what became of the invitation.
  accepted_at timestamptz,
  declined_at timestamptz,
  withdrawn_at timestamptz,
  registration_id integer references registration on delete set null,
  check (num_nonnulls(accepted_at, declined_at, withdrawn_at) <= 1)
);
create index delegation_invitation_lead on delegation_invitation (lead_person_id, edition_id, created_at);
create index delegation_invitation_email on delegation_invitation (email);

-- Who gave each consent: the registered person themselves. Null on rows recorded before this
-- column existed, when a delegation lead could record consents for a colleague.
alter table consent add column given_by_person_id integer references person;
