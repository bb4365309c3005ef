-- The journal: every event, in log order, and the Merkle log over their salted commitments.

CREATE TABLE event (
    seq          INTEGER PRIMARY KEY,          -- the leaf index in the log, from 0, no gaps
    id           TEXT    NOT NULL UNIQUE,
    kind         TEXT    NOT NULL,
    subject      TEXT,
    occurred_at  TEXT    NOT NULL,             -- RFC 3339, UTC, microseconds
    recorded_at  TEXT    NOT NULL,
    record       TEXT    NOT NULL,             -- canonical JSON: what the commitment covers
    salt         BLOB    NOT NULL CHECK (length(salt) = 32),
    entry        BLOB    NOT NULL CHECK (length(entry) = 33),
    restricted   INTEGER NOT NULL CHECK (restricted IN (0, 1)),
    public_until TEXT                          -- YYYY-MM-DD, the last public day; NULL: no end
) STRICT;

CREATE INDEX event_subject ON event (subject, seq) WHERE subject IS NOT NULL;

-- Entries are never updated or deleted.
CREATE TRIGGER event_no_update BEFORE UPDATE ON event
BEGIN
    SELECT RAISE(ABORT, 'journal events are immutable');
END;
CREATE TRIGGER event_no_delete BEFORE DELETE ON event
BEGIN
    SELECT RAISE(ABORT, 'journal events are immutable');
END;

-- C2SP tiles of the log: 256 hashes (8 KiB) when full; the rightmost tile of each level grows
-- in place until it is full. `nodes` holds the complete subtrees inside the tile (254 hashes),
-- derived from `data`, so that proofs need no hashing. The key is level · 2^48 + index: a
-- rowid table keeps a tile's 16 KiB in one 32 KiB page, where a WITHOUT ROWID table would
-- spill it to a chain of overflow pages.
CREATE TABLE log_tile (
    key   INTEGER PRIMARY KEY,
    data  BLOB    NOT NULL,
    nodes BLOB
) STRICT;

-- Signed checkpoints, one per tree size; never rewritten.
CREATE TABLE log_checkpoint (
    size      INTEGER PRIMARY KEY,
    root      BLOB    NOT NULL CHECK (length(root) = 32),
    note      TEXT    NOT NULL,
    signed_at TEXT    NOT NULL
) STRICT;

CREATE TRIGGER log_checkpoint_no_update BEFORE UPDATE ON log_checkpoint
BEGIN
    SELECT RAISE(ABORT, 'checkpoints are immutable');
END;
CREATE TRIGGER log_checkpoint_no_delete BEFORE DELETE ON log_checkpoint
BEGIN
    SELECT RAISE(ABORT, 'checkpoints are immutable');
END;

-- Projections: derived from the events in the same transaction; rebuildable.
CREATE TABLE proj_event_count (
    kind TEXT    NOT NULL,
    day  TEXT    NOT NULL,
    n    INTEGER NOT NULL,
    PRIMARY KEY (kind, day)
) STRICT, WITHOUT ROWID;

CREATE TABLE proj_publicity (
    seq          INTEGER PRIMARY KEY,          -- the event whose publicity changed
    restricted   INTEGER NOT NULL CHECK (restricted IN (0, 1)),
    public_until TEXT,
    changed_by   INTEGER NOT NULL              -- the journal.publicity_changed event
) STRICT;
