-- Messages to many participants wait behind the e-mails one person waits for (a sign-in link, a
-- confirmation): the worker takes the lowest priority first. 0 for those, 1 for bulk messages.
alter table mail_outbox add column priority smallint not null default 0 check (priority in (0, 1));
drop index mail_outbox_due;
create index mail_outbox_due on mail_outbox (priority, id) where status = 'pending';
