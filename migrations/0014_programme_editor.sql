-- The programme editor: speakers belong to an edition and carry a biography.

alter table speaker add column edition_id integer references edition on delete cascade;
alter table speaker add column biography jsonb check (biography is null or is_localised(biography));

-- A speaker on sessions of several editions becomes one speaker per edition: the row stays with
-- the earliest edition, a copy is made for each other one, and their sessions point to the copy.
do $$
declare
  entry record;
  copy_id integer;
begin
  for entry in
    select distinct ss.speaker_id, s.edition_id, e.year,
           min(e.year) over (partition by ss.speaker_id) as first_year
    from session_speaker ss
    join session s on s.id = ss.session_id
    join edition e on e.id = s.edition_id
  loop
    if entry.year = entry.first_year then
      update speaker set edition_id = entry.edition_id where id = entry.speaker_id;
    else
      insert into speaker (name, role, organisation, edition_id)
        select name, role, organisation, entry.edition_id from speaker where id = entry.speaker_id
        returning id into copy_id;
      update session_speaker set speaker_id = copy_id
        where speaker_id = entry.speaker_id
          and session_id in (select id from session where edition_id = entry.edition_id);
    end if;
  end loop;
end
$$;

-- A speaker on no session goes to the latest edition, where the editor shows it to be kept or removed.
update speaker set edition_id = (select id from edition order by year desc limit 1) where edition_id is null;
delete from speaker where edition_id is null;

alter table speaker alter column edition_id set not null;
create index speaker_edition on speaker (edition_id, name);

-- A session's speakers are speakers of its own edition.
create function session_speaker_same_edition() returns trigger language plpgsql as $$
begin
  if (select edition_id from speaker where id = new.speaker_id) is distinct from (select edition_id from session where id = new.session_id) then
    raise exception 'speaker % is not of the edition of session %', new.speaker_id, new.session_id using errcode = 'check_violation';
  end if;
  return new;
end
$$;
create trigger session_speaker_same_edition before insert or update on session_speaker
  for each row execute function session_speaker_same_edition();
