-- A mail worker's claim is named, so that the worker renews the lease of what it still holds
-- (and only that) while it sends; a claim whose worker died ends with its short lease.
alter table mail_outbox add column claimed_by uuid;
create index mail_outbox_claimed_by on mail_outbox (claimed_by) where claimed_by is not null;

-- The periodic purge finds what has expired through these.
create index sign_in_token_expires_at on sign_in_token (expires_at);
create index auth_session_expires_at on auth_session (expires_at);
create index rate_limit_window_start on rate_limit (window_start);
create index mail_outbox_done on mail_outbox (created_at) where status <> 'pending';
