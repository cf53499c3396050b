-- Sibling groups (issue 12): the council's identifier for a group of brothers and sisters,
-- from children.csv's optional sibling_group column (DATA.md). Children of one council who
-- share it are siblings; '' when none was given. Indexed to find a child's siblings.
ALTER TABLE children ADD COLUMN sibling_group TEXT NOT NULL DEFAULT '';
CREATE INDEX children_by_sibling_group ON children (local_authority, sibling_group) WHERE sibling_group <> '';
