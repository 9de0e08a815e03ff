-- Anyone may say they come as a speaker, a partner, the press or the organising team: such a
-- registration waits for an organiser's approval, whatever the edition's other rules. Each
-- edition lists the categories that wait; a plain participant is confirmed at once by default.
alter table edition
  add column categories_requiring_approval text[] not null default array['speaker', 'partner', 'press', 'staff']::text[],
  add constraint edition_categories_requiring_approval_known
    check (categories_requiring_approval <@ array['participant', 'speaker', 'partner', 'press', 'staff']::text[]);
