-- One-time passwords (issue 5): a password an administrator made or set (the users page's add
-- and reset) or that the operator gave with `waymark user add|passwd --must-change`. While
-- one_time_until is not 0 the user must choose their own password before anything else (every
-- page leads to /account/password, their API tokens are refused), and from one_time_until
-- (Unix seconds) on the password signs no one in: an administrator resets it. Choosing a new
-- password sets it back to 0. Existing users chose their passwords: 0.
ALTER TABLE users ADD COLUMN one_time_until INTEGER NOT NULL DEFAULT 0;
