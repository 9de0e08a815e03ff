-- A person's page on the registrations desk: organisers' internal notes on a registration, and
-- the person each e-mail of the outbox went to, so that their page lists every message sent to them.

create table registration_note (
  id integer generated always as identity primary key,
  registration_id integer not null references registration on delete cascade,
  author_person_id integer references person on delete set null,
  body text not null check (length(btrim(body)) between 1 and 5000),
  created_at timestamptz not null default now()
);
create index registration_note_registration on registration_note (registration_id, created_at);

-- Set by the database from the address, whoever queues the message (several statements insert
-- into the outbox directly): the person of that sign-in address, if one exists.
alter table mail_outbox add column person_id integer references person on delete set null;

create function mail_outbox_person() returns trigger language plpgsql as $$
begin
  if new.person_id is null then
    new.person_id := (select id from person where email = lower(new.to_address) and anonymised_at is null);
  end if;
  return new;
end
$$;
create trigger mail_outbox_person before insert on mail_outbox
  for each row execute function mail_outbox_person();

-- A first sign-in link is queued before its person exists: the person, once created, takes the
-- messages already waiting for their address.
create function person_takes_mail() returns trigger language plpgsql as $$
begin
  update mail_outbox set person_id = new.id where person_id is null and lower(to_address) = new.email;
  return null;
end
$$;
create trigger person_takes_mail after insert on person
  for each row execute function person_takes_mail();
create index mail_outbox_address_without_person on mail_outbox (lower(to_address)) where person_id is null;

update mail_outbox set person_id = person.id
  from person where person.email = lower(mail_outbox.to_address) and person.anonymised_at is null;

create index mail_outbox_person on mail_outbox (person_id, created_at) where person_id is not null;

-- A person's page reads its delegation's members by registration (its seats by registration:
-- see 0019's index on session_signup).
create index registration_delegation on registration (delegation_id) where delegation_id is not null;
