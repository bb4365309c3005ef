-- The register of market entities: projections of the registry.* events.

-- Each entity's current state (shijian_core::entity::EntityState as JSON), with the columns
-- queries filter on.
CREATE TABLE proj_entity (
    uscc           TEXT    PRIMARY KEY,
    name           TEXT    NOT NULL,
    kind           TEXT    NOT NULL,
    authority      TEXT    NOT NULL,           -- division code of the registering office
    status         TEXT    NOT NULL,
    established_on TEXT    NOT NULL,
    state          TEXT    NOT NULL,           -- JSON
    seq            INTEGER NOT NULL            -- the last event folded in
) STRICT;

CREATE INDEX proj_entity_authority ON proj_entity (authority, uscc);

-- Every name registered, changed away from, or reserved: what a proposed name is compared
-- with (企业名称登记管理规定 第十七条). `id` is the log index of the event that brought the name.
CREATE TABLE proj_name (
    id             INTEGER PRIMARY KEY,
    name           TEXT    NOT NULL,
    uscc           TEXT,                       -- NULL for a reservation
    kind           TEXT    NOT NULL,
    authority      TEXT    NOT NULL,
    ended_on       TEXT,                       -- deregistered, annulled or changed away
    reserved_until TEXT                        -- a reservation's last day
) STRICT;

CREATE INDEX proj_name_uscc ON proj_name (uscc) WHERE uscc IS NOT NULL;
CREATE INDEX proj_name_authority ON proj_name (authority);

-- The candidate index: a 64-bit hash of (authority, key) for each key of a name
-- (shijian_text::names::index_keys). Collisions only add candidates; the comparison decides.
CREATE TABLE proj_name_key (
    h       INTEGER NOT NULL,
    name_id INTEGER NOT NULL,
    PRIMARY KEY (h, name_id)
) STRICT, WITHOUT ROWID;

-- Name search: the words of every registered name (shijian_text::segment::index_words),
-- space-separated, in a contentless FTS5 index keyed by the name's id. Former names stay
-- searchable, as on the national publicity system.
CREATE VIRTUAL TABLE proj_name_search USING fts5 (words, content = '', tokenize = 'unicode61');

-- Each entity's credit file (shijian_core::credit::file::CreditFile as JSON): lists, reports,
-- counts, and the latest risk class.
CREATE TABLE proj_credit (
    uscc     TEXT    PRIMARY KEY,
    state    TEXT    NOT NULL,
    class    TEXT,                             -- A, B, C, D
    abnormal INTEGER NOT NULL,                 -- 1: on the abnormal list (or marked)
    serious  INTEGER NOT NULL,                 -- 1: on the serious list
    seq      INTEGER NOT NULL
) STRICT;

CREATE INDEX proj_credit_abnormal ON proj_credit (uscc) WHERE abnormal = 1;
CREATE INDEX proj_credit_serious ON proj_credit (uscc) WHERE serious = 1;
