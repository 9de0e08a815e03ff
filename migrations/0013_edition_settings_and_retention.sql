-- Settings an edition's organisers keep themselves: practical information sections, the texts of
-- the consents, how long personal data are kept; answers remember the question they answered.

-- Practical information written by the organisers, shown beside the venue and its access.
create table practical_section (
  id integer generated always as identity primary key,
  edition_id integer not null references edition on delete cascade,
  title jsonb not null,
  body jsonb not null,
  position integer not null default 0
);
create index practical_section_edition on practical_section (edition_id, position, id);

-- The consent texts of the edition's form, in both languages; existing editions keep the texts
-- the form showed until now.
alter table edition
  add column consent_texts jsonb not null default '{
  "photos": {
    "fr": "J''accepte d''apparaître sur les photos et vidéos prises pendant les Rencontres et publiées par les organisateurs.",
    "en": "I agree to appear in photos and videos taken during the Rencontres and published by the organisers."
  },
  "share_contact": {
    "fr": "J''accepte que mon nom, mon organisation et mon courriel soient visibles des autres participant·es pour qu''ils puissent me contacter.",
    "en": "I agree that my name, organisation and e-mail are shown to other participants so that they can contact me."
  },
  "newsletter": {
    "fr": "Je souhaite recevoir la lettre d''information des organisateurs.",
    "en": "I would like to receive the organisers'' newsletter."
  },
  "health_data": {
    "fr": "J''accepte que mes réponses relatives à ma santé ou à un handicap soient conservées, pour le seul besoin de mon accueil, et effacées après l''événement.",
    "en": "I agree that my answers about health or disability are kept, for the sole purpose of welcoming me, and deleted after the event."
  }
}'::jsonb,
  -- Days after the edition's last day before its registrations are anonymised, and before
  -- health answers are erased (0: at the end of the last day, where the edition takes place).
  add column retention_days integer not null default 365 check (retention_days between 0 and 3650),
  add column health_retention_days integer not null default 0 check (health_retention_days between 0 and 3650),
  add constraint edition_health_retention_shorter check (health_retention_days <= retention_days);

-- A registration whose personal data were erased once its edition's retention period ended.
alter table registration add column anonymised_at timestamptz;
create index registration_not_anonymised on registration (edition_id) where anonymised_at is null;

-- A question removed from the form keeps the answers already given to it.
alter table registration_question add column removed_at timestamptz;

-- Each answer keeps the question as it was answered: its label and, for choices, its options.
alter table registration_answer
  add column question_label jsonb,
  add column question_options jsonb;
update registration_answer set question_label = question.label, question_options = question.options
  from registration_question as question where question.id = registration_answer.question_id;
alter table registration_answer
  alter column question_label set not null,
  alter column question_options set not null;

create function registration_answer_snapshot() returns trigger language plpgsql as $$
begin
  if new.question_label is null or new.question_options is null then
    select coalesce(new.question_label, question.label), coalesce(new.question_options, question.options)
      into new.question_label, new.question_options
      from registration_question as question where question.id = new.question_id;
  end if;
  return new;
end;
$$;
create trigger registration_answer_snapshot before insert on registration_answer
  for each row execute function registration_answer_snapshot();
