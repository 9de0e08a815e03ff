-- A short reference per registration, for the person to quote to the organisers (e.g. R26-4K7Q):
-- "R", the edition's year on two digits, and four characters that cannot be misread (no 0, O, 1, I).
alter table registration add column reference text;

do $$
declare
  target record;
  alphabet constant text := '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
  candidate text;
begin
  for target in select registration.id, registration.edition_id, edition.year from registration join edition on edition.id = registration.edition_id loop
    loop
      candidate := 'R' || lpad((target.year % 100)::text, 2, '0') || '-'
        || (select string_agg(substr(alphabet, 1 + floor(random() * 32)::int, 1), '') from generate_series(1, 4));
      exit when not exists (select from registration where edition_id = target.edition_id and reference = candidate);
    end loop;
    update registration set reference = candidate where id = target.id;
  end loop;
end $$;

alter table registration alter column reference set not null;
alter table registration add constraint registration_reference unique (edition_id, reference);

-- Raised each time what the person attends changes, and written as the SEQUENCE of their agenda's
-- events, so that calendars replace the events they hold rather than keep a stale copy.
alter table registration add column agenda_sequence integer not null default 0;

-- A message that a later one of the same key replaces while it waits to be sent (an updated agenda).
alter table mail_outbox add column replace_key text;
create index mail_outbox_replace_key on mail_outbox (replace_key) where replace_key is not null and status = 'pending';

-- The feed's address is derived from this seed with a server secret, so that it can be shown again
-- to its person; the database alone still does not give it (only its hash is kept).
alter table calendar_feed add column token_seed text;
