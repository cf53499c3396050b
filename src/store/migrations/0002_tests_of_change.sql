-- Waymark schema version 2: tests of change (PDSA) and driver diagrams (issue 4,
-- docs/tests-of-change.md). Nothing here names a child. Dates are ISO text (YYYY-MM-DD) as in
-- version 1; created_at and updated_at are UTC, ISO 8601. The program checks every record
-- before writing it; the constraints below keep the tables sound for anyone who writes SQL.

CREATE TABLE tests_of_change (
    id INTEGER PRIMARY KEY,            -- insertion order: orders tests that start on one day
    local_authority TEXT NOT NULL CHECK (local_authority <> ''),
    reference TEXT NOT NULL CHECK (reference <> ''),  -- e.g. PACE-1, stable within its council
    title TEXT NOT NULL CHECK (title <> ''),
    aim TEXT NOT NULL CHECK (aim <> ''),
    agency TEXT NOT NULL DEFAULT '',   -- as events.agency: the vocabulary's list, checked on input
    change_idea TEXT NOT NULL CHECK (change_idea <> ''),
    rationale TEXT NOT NULL DEFAULT '',
    prediction TEXT NOT NULL DEFAULT '',
    start_date TEXT NOT NULL CHECK (start_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    decision TEXT CHECK (decision IN ('adopt', 'adapt', 'abandon')),
    decision_date TEXT CHECK (decision_date >= start_date),
    decision_reason TEXT CHECK (decision_reason <> ''),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (local_authority, reference),
    -- A decision comes with its date and its reason, or none of them is there.
    CHECK ((decision IS NULL) = (decision_date IS NULL) AND (decision IS NULL) = (decision_reason IS NULL))
);

-- The measures (DOMAIN.md section 6) a test hopes to move. Measure ids are the catalogue's
-- slugs, kept as text: the catalogue is data, so an id is not a foreign key.
CREATE TABLE test_measures (
    test INTEGER NOT NULL REFERENCES tests_of_change (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,         -- the order given
    measure_id TEXT NOT NULL CHECK (measure_id <> '' AND measure_id NOT GLOB '*[^a-z0-9-]*'),
    PRIMARY KEY (test, position),
    UNIQUE (test, measure_id)
) WITHOUT ROWID;
CREATE INDEX test_measures_by_measure ON test_measures (measure_id);

-- Plan-Do-Study-Act cycles, numbered 1, 2, ... within their test. "do" is an SQL keyword.
CREATE TABLE pdsa_cycles (
    test INTEGER NOT NULL REFERENCES tests_of_change (id) ON DELETE CASCADE,
    number INTEGER NOT NULL CHECK (number >= 1),
    plan TEXT NOT NULL CHECK (plan <> ''),
    plan_date TEXT,
    do_text TEXT NOT NULL DEFAULT '',
    do_date TEXT,
    study TEXT NOT NULL DEFAULT '',
    study_date TEXT,
    act TEXT NOT NULL DEFAULT '',
    act_date TEXT,
    PRIMARY KEY (test, number)
) WITHOUT ROWID;

-- A driver diagram: an aim, the primary drivers of it, the secondary drivers of each, and the
-- change ideas for each secondary driver, linked to the tests of change that try them.
CREATE TABLE driver_diagrams (
    id INTEGER PRIMARY KEY,
    local_authority TEXT NOT NULL CHECK (local_authority <> ''),
    reference TEXT NOT NULL CHECK (reference <> ''),
    aim TEXT NOT NULL CHECK (aim <> ''),
    aim_measure TEXT CHECK (aim_measure <> '' AND aim_measure NOT GLOB '*[^a-z0-9-]*'),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (local_authority, reference)
);

CREATE TABLE driver_nodes (
    id INTEGER PRIMARY KEY,
    diagram INTEGER NOT NULL REFERENCES driver_diagrams (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('primary', 'secondary', 'change_idea')),
    parent INTEGER REFERENCES driver_nodes (id) ON DELETE CASCADE,
    text TEXT NOT NULL CHECK (text <> ''),
    position INTEGER NOT NULL,         -- the order in the file, depth first
    CHECK ((kind = 'primary') = (parent IS NULL)),
    UNIQUE (diagram, position)
);
CREATE INDEX driver_nodes_by_parent ON driver_nodes (parent);

-- A secondary driver hangs from a primary one, a change idea from a secondary one, both of the
-- same diagram.
CREATE TRIGGER driver_nodes_parent_kind BEFORE INSERT ON driver_nodes
WHEN NEW.parent IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM driver_nodes p
    WHERE p.id = NEW.parent AND p.diagram = NEW.diagram
      AND p.kind = CASE NEW.kind WHEN 'secondary' THEN 'primary' WHEN 'change_idea' THEN 'secondary' END)
BEGIN
    SELECT RAISE(ABORT, 'a driver node must hang from a node one level up in its own diagram');
END;

CREATE TABLE change_idea_tests (
    node INTEGER NOT NULL REFERENCES driver_nodes (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,         -- the order given
    test INTEGER NOT NULL REFERENCES tests_of_change (id),
    PRIMARY KEY (node, position),
    UNIQUE (node, test)
) WITHOUT ROWID;
CREATE INDEX change_idea_tests_by_test ON change_idea_tests (test);

-- Only change ideas link to tests, and only to tests of their diagram's council.
CREATE TRIGGER change_idea_tests_council BEFORE INSERT ON change_idea_tests
WHEN NOT EXISTS (
    SELECT 1 FROM driver_nodes n
    JOIN driver_diagrams d ON d.id = n.diagram
    JOIN tests_of_change t ON t.id = NEW.test
    WHERE n.id = NEW.node AND n.kind = 'change_idea' AND t.local_authority = d.local_authority)
BEGIN
    SELECT RAISE(ABORT, 'a change idea links only to tests of change of its own council');
END;
