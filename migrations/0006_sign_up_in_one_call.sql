-- A workshop sign-up decided by the database in one call: a crowd pressing the same button costs
-- one round trip per person rather than a transaction of five. The rules are those the
-- application states in signups.server.ts, which maps each answer to its error.
--
-- The registration is locked first, then the session's seat counter: the order every writer
-- follows, so no deadlock. Each statement of a plpgsql function takes a fresh snapshot, so once
-- both are held the checks below see the person's sign-ups and the seats as they are.
-- Answers 'confirmed' or 'waitlisted' (also when the person already holds that place), or the
-- code of the refusal.
create function sign_up(registration_id integer, person_id integer, session_id integer, signed_at timestamptz)
returns text language plpgsql as $$
declare
  holder record;
  wanted record;
  held text;
  decided text;
begin
  select registration.id, registration.edition_id, registration.status into holder
    from registration
    where registration.id = sign_up.registration_id and registration.person_id = sign_up.person_id
    for update;
  if not found then return 'registration_not_found'; end if;
  if holder.status <> 'confirmed' then return 'registration_not_confirmed'; end if;

  select session.id, session.edition_id, session.starts_at, session.ends_at, session.capacity,
         session.requires_signup, session.wish_round_id, counter.confirmed
    into wanted
    from session join session_seat_counter counter on counter.session_id = session.id
    where session.id = sign_up.session_id
    for update of counter;
  if not found or wanted.edition_id <> holder.edition_id or not wanted.requires_signup or wanted.capacity is null then
    return 'session_not_found';
  end if;
  if wanted.wish_round_id is not null then return 'session_allocated_by_wishes'; end if;

  select signup.status into held
    from session_signup signup
    where signup.session_id = wanted.id and signup.registration_id = holder.id and signup.status <> 'cancelled';
  if found then return held; end if;
  if exists (
    select from session_signup signup join session other on other.id = signup.session_id
    where signup.registration_id = holder.id and signup.status <> 'cancelled'
      and other.starts_at < wanted.ends_at and other.ends_at > wanted.starts_at
  ) then
    return 'session_overlap';
  end if;

  decided := case when wanted.confirmed < wanted.capacity then 'confirmed' else 'waitlisted' end;
  -- The trigger on session_signup counts the seat.
  insert into session_signup (session_id, registration_id, status, created_at, waitlisted_at)
    values (wanted.id, holder.id, decided, signed_at, case when decided = 'waitlisted' then signed_at end);
  return decided;
end $$;
