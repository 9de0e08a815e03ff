-- Confirmed registrations of each edition and confirmed seats of each session, kept by triggers
-- whoever writes the rows: a rush decides each place against one locked counter row in one
-- statement instead of counting rows under a lock held across several round trips.

create table registration_counter (
  edition_id integer primary key references edition on delete cascade,
  confirmed integer not null default 0 check (confirmed >= 0)
);

create table session_seat_counter (
  session_id integer primary key references session on delete cascade,
  confirmed integer not null default 0 check (confirmed >= 0)
);

insert into registration_counter (edition_id, confirmed)
select edition.id, count(registration.id) filter (where registration.status = 'confirmed')
from edition left join registration on registration.edition_id = edition.id
group by edition.id;

insert into session_seat_counter (session_id, confirmed)
select session.id, count(session_signup.id) filter (where session_signup.status = 'confirmed')
from session left join session_signup on session_signup.session_id = session.id
group by session.id;

create function registration_counter_create() returns trigger language plpgsql as $$
begin
  insert into registration_counter (edition_id) values (new.id);
  return null;
end $$;
create trigger registration_counter_create after insert on edition
  for each row execute function registration_counter_create();

create function session_seat_counter_create() returns trigger language plpgsql as $$
begin
  insert into session_seat_counter (session_id) values (new.id);
  return null;
end $$;
create trigger session_seat_counter_create after insert on session
  for each row execute function session_seat_counter_create();

create function registration_counter_follow() returns trigger language plpgsql as $$
begin
  if tg_op <> 'INSERT' and old.status = 'confirmed' then
    update registration_counter set confirmed = confirmed - 1 where edition_id = old.edition_id;
  end if;
  if tg_op <> 'DELETE' and new.status = 'confirmed' then
    update registration_counter set confirmed = confirmed + 1 where edition_id = new.edition_id;
  end if;
  return null;
end $$;
create trigger registration_counter_follow after insert or delete or update of status, edition_id on registration
  for each row execute function registration_counter_follow();

create function session_seat_counter_follow() returns trigger language plpgsql as $$
begin
  if tg_op <> 'INSERT' and old.status = 'confirmed' then
    update session_seat_counter set confirmed = confirmed - 1 where session_id = old.session_id;
  end if;
  if tg_op <> 'DELETE' and new.status = 'confirmed' then
    update session_seat_counter set confirmed = confirmed + 1 where session_id = new.session_id;
  end if;
  return null;
end $$;
create trigger session_seat_counter_follow after insert or delete or update of status, session_id on session_signup
  for each row execute function session_seat_counter_follow();
