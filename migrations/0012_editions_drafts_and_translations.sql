-- An edition in preparation (a draft) may hold a text in one language only, waiting for its
-- translation: the missing side is an empty string, both keys always present. The published site
-- then shows the other language, marked with its own lang. This applies to the texts that belong
-- to one edition (its fields, sessions, questions, supporters, contacts, links); texts shared by
-- several editions (venues' access lines, rooms, speakers' roles) stay complete in both languages.

create function is_partly_localised(value jsonb) returns boolean
  language sql immutable
  -- coalesce: a missing key makes the test null, which a check constraint would let through.
  as $$ select coalesce(jsonb_typeof(value) = 'object'
              and jsonb_typeof(value -> 'fr') = 'string'
              and jsonb_typeof(value -> 'en') = 'string'
              and (length(value ->> 'fr') > 0 or length(value ->> 'en') > 0), false) $$;

alter table edition drop constraint edition_title_check,
  add constraint edition_title_check check (is_partly_localised(title));
alter table edition drop constraint edition_theme_check,
  add constraint edition_theme_check check (is_partly_localised(theme));
alter table edition drop constraint edition_summary_check,
  add constraint edition_summary_check check (is_partly_localised(summary));
alter table edition drop constraint edition_honour_text_check,
  add constraint edition_honour_text_check check (honour_text is null or is_partly_localised(honour_text));

alter table session drop constraint session_title_check,
  add constraint session_title_check check (is_partly_localised(title));
alter table session drop constraint session_description_check,
  add constraint session_description_check check (description is null or is_partly_localised(description));

alter table registration_question drop constraint registration_question_label_check,
  add constraint registration_question_label_check check (is_partly_localised(label));
alter table registration_question drop constraint registration_question_help_check,
  add constraint registration_question_help_check check (help is null or is_partly_localised(help));

alter table supporter drop constraint supporter_name_check,
  add constraint supporter_name_check check (is_partly_localised(name));
alter table supporter drop constraint supporter_acronym_check,
  add constraint supporter_acronym_check check (acronym is null or is_partly_localised(acronym));
alter table supporter drop constraint supporter_note_check,
  add constraint supporter_note_check check (note is null or is_partly_localised(note));

alter table edition_contact drop constraint edition_contact_role_check,
  add constraint edition_contact_role_check check (is_partly_localised(role));
alter table edition_link drop constraint edition_link_label_check,
  add constraint edition_link_label_check check (is_partly_localised(label));
