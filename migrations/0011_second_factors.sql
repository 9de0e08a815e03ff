-- Second factors of the people who work in the back office: passkeys (WebAuthn), TOTP
-- authenticator apps, and single-use recovery codes. See docs/decisions/0022-second-factors.md.

create table second_factor (
  id serial primary key,
  person_id integer not null references person on delete cascade,
  kind text not null check (kind in ('passkey', 'totp')),
  -- A name the person recognises it by ("Passkey", "Authenticator app").
  label text not null,
  created_at timestamptz not null default now(),
  -- A TOTP factor being enrolled is kept unconfirmed until its first code passes.
  confirmed_at timestamptz,
  last_used_at timestamptz,
  -- Passkeys: the credential's id and public key (base64url), its signature counter, transports.
  credential_id text unique,
  public_key text,
  sign_count bigint,
  transports text[],
  -- TOTP: the shared secret, encrypted under a key derived from SECRET_KEY when it is set, and
  -- the last time step that passed, so that a code is refused a second time.
  totp_secret text,
  totp_last_step bigint,
  check (kind <> 'passkey' or (credential_id is not null and public_key is not null and sign_count is not null and confirmed_at is not null)),
  check (kind <> 'totp' or totp_secret is not null)
);
create index second_factor_person on second_factor (person_id);

-- Ten codes per person, kept as SHA-256 digests; each is spent once.
create table recovery_code (
  id serial primary key,
  person_id integer not null references person on delete cascade,
  code_hash text not null,
  created_at timestamptz not null default now(),
  used_at timestamptz
);
create index recovery_code_person on recovery_code (person_id);

-- A WebAuthn challenge waiting for its answer, one per sign-in session and ceremony.
create table webauthn_challenge (
  session_id integer not null references auth_session on delete cascade,
  ceremony text not null check (ceremony in ('registration', 'authentication')),
  challenge text not null,
  expires_at timestamptz not null,
  primary key (session_id, ceremony)
);
