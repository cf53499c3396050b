-- Users of the web application and the API, their sessions and their API tokens (issue 5).
-- Depends only on 0001. Times are Unix seconds (UTC). No secret is stored in the clear:
-- passwords as Argon2id strings (libsodium crypto_pwhash_str), session and API tokens as
-- BLAKE2b hashes, so a copy of the database signs no one in.
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL CHECK (role IN ('social_worker', 'team_manager', 'reviewing_officer', 'legal',
                                       'improvement_advisor', 'administrator', 'national_analyst')),
    local_authority TEXT NOT NULL,
    team TEXT NOT NULL DEFAULT '',
    password_hash TEXT NOT NULL,
    failed_attempts INTEGER NOT NULL DEFAULT 0,  -- since the last successful sign-in
    locked_until INTEGER NOT NULL DEFAULT 0,     -- sign-in refused before this time
    created INTEGER NOT NULL
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,                 -- hex BLAKE2b of the cookie's token
    user INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created INTEGER NOT NULL,                    -- for the absolute time-out
    last_seen INTEGER NOT NULL,                  -- for the idle time-out
    csrf TEXT NOT NULL                           -- the token every form of this session carries
) WITHOUT ROWID;
CREATE INDEX sessions_by_user ON sessions (user);

-- The audit log says from where, as well as who, what and when: the web application writes
-- "web ADDRESS" or "api ADDRESS", the command line "command line".
ALTER TABLE audit ADD COLUMN origin TEXT NOT NULL DEFAULT '';

CREATE TABLE api_tokens (
    token_hash TEXT PRIMARY KEY,
    user INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created INTEGER NOT NULL
) WITHOUT ROWID;
