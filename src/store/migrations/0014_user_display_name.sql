-- Users' display names (issue 13): the name people know a member of staff by ("Alex Morgan"),
-- shown in the header and wherever staff are listed instead of the user name they sign in
-- with. Set by the council's administrators (/admin/users) or `waymark user display-name`;
-- '' when none is set, and the user name is shown.
ALTER TABLE users ADD COLUMN display_name TEXT NOT NULL DEFAULT '';
