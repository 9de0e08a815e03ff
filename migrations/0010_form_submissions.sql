-- A back-office form carries a key drawn when the form was shown; the change it makes records
-- the key in its own transaction, so that a second submission of the same form (a double click,
-- the back button, a retry after a timeout) is recognised and changes nothing.
create table form_submission (
  key text primary key,
  person_id integer not null references person on delete cascade,
  created_at timestamptz not null default now(),
  -- What the first submission answered (the id it created, say), for the repeated one to answer too.
  result jsonb
);
create index form_submission_created on form_submission (created_at);
