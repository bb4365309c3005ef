-- The journal: every event, in log order, and the Merkle log over their salted commitments.

CREATE TABLE event (
    seq          BIGINT  PRIMARY KEY,          -- the leaf index in the log, from 0, no gaps
    id           TEXT    NOT NULL UNIQUE,
    kind         TEXT    NOT NULL,
    subject      TEXT,
    occurred_at  TEXT    NOT NULL,             -- RFC 3339, UTC, microseconds
    recorded_at  TEXT    NOT NULL,
    record       TEXT    NOT NULL,             -- canonical JSON: what the commitment covers
    salt         BYTEA   NOT NULL CHECK (length(salt) = 32),
    entry        BYTEA   NOT NULL CHECK (length(entry) = 33),
    restricted   BOOLEAN NOT NULL,
    public_until TEXT                          -- YYYY-MM-DD, the last public day; NULL: no end
);

CREATE INDEX event_subject ON event (subject, seq) WHERE subject IS NOT NULL;

CREATE FUNCTION shijian_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% rows are immutable', TG_TABLE_NAME;
END
$$;

-- Entries are never updated or deleted.
CREATE TRIGGER event_immutable BEFORE UPDATE OR DELETE ON event
    FOR EACH ROW EXECUTE FUNCTION shijian_immutable();
CREATE TRIGGER event_no_truncate BEFORE TRUNCATE ON event
    FOR EACH STATEMENT EXECUTE FUNCTION shijian_immutable();

-- C2SP tiles of the log: 256 hashes (8 KiB) when full; the rightmost tile of each level grows
-- in place until it is full. `nodes` holds the complete subtrees inside the tile (254 hashes),
-- derived from `data`, so that proofs need no hashing.
CREATE TABLE log_tile (
    level SMALLINT NOT NULL,
    idx   BIGINT   NOT NULL,
    data  BYTEA    NOT NULL,
    nodes BYTEA,
    PRIMARY KEY (level, idx)
);

-- Hashes do not compress: store them out of line without trying.
ALTER TABLE log_tile ALTER COLUMN data SET STORAGE EXTERNAL;
ALTER TABLE log_tile ALTER COLUMN nodes SET STORAGE EXTERNAL;

-- Signed checkpoints, one per tree size; never rewritten.
CREATE TABLE log_checkpoint (
    size      BIGINT PRIMARY KEY,
    root      BYTEA  NOT NULL CHECK (length(root) = 32),
    note      TEXT   NOT NULL,
    signed_at TEXT   NOT NULL
);

CREATE TRIGGER log_checkpoint_immutable BEFORE UPDATE OR DELETE ON log_checkpoint
    FOR EACH ROW EXECUTE FUNCTION shijian_immutable();
CREATE TRIGGER log_checkpoint_no_truncate BEFORE TRUNCATE ON log_checkpoint
    FOR EACH STATEMENT EXECUTE FUNCTION shijian_immutable();

-- Projections: derived from the events in the same transaction; rebuildable.
CREATE TABLE proj_event_count (
    kind TEXT   NOT NULL,
    day  TEXT   NOT NULL,
    n    BIGINT NOT NULL,
    PRIMARY KEY (kind, day)
);

CREATE TABLE proj_publicity (
    seq          BIGINT  PRIMARY KEY,          -- the event whose publicity changed
    restricted   BOOLEAN NOT NULL,
    public_until TEXT,
    changed_by   BIGINT  NOT NULL              -- the journal.publicity_changed event
);
