-- Second approval, and API tokens that end (issue 11).
--
-- A user who could see named children (social worker, team manager, reviewing officer, legal)
-- or who administers (administrator), added or given a new password by a council administrator
-- on /admin/users, waits for a second administrator's approval: until then they cannot sign in
-- and their API tokens are refused. pending_by is the id of the administrator whose change waits
-- (that administrator cannot approve it); 0 when nothing waits. pending_change is 'add' or
-- 'reset'. The command line (`waymark user add|passwd|approve`) is the operator's and trusted.
ALTER TABLE users ADD COLUMN pending_by INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN pending_change TEXT NOT NULL DEFAULT '';

-- API tokens get an id (to list and revoke them without the token), an expiry and the time
-- they were last used (written at most once a minute). Tokens made before this migration end
-- 90 days after they were made.
CREATE TABLE api_tokens_new (
    id INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,             -- hex BLAKE2b of the token
    user INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created INTEGER NOT NULL,
    expires INTEGER NOT NULL,                    -- refused from this time on (Unix seconds)
    last_used INTEGER NOT NULL DEFAULT 0         -- 0: never used
);
INSERT INTO api_tokens_new (token_hash, user, created, expires)
    SELECT token_hash, user, created, created + 90 * 86400 FROM api_tokens;
DROP TABLE api_tokens;
ALTER TABLE api_tokens_new RENAME TO api_tokens;
CREATE INDEX api_tokens_by_user ON api_tokens (user);
