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
    seq            BIGINT NOT NULL            -- the last event folded in
);

CREATE INDEX proj_entity_authority ON proj_entity (authority, uscc);

-- Every name registered, changed away from, or reserved: what a proposed name is compared
-- with (企业名称登记管理规定 第十七条). `id` is the log index of the event that brought the name.
CREATE TABLE proj_name (
    id             BIGINT PRIMARY KEY,
    name           TEXT    NOT NULL,
    uscc           TEXT,                       -- NULL for a reservation
    kind           TEXT    NOT NULL,
    authority      TEXT    NOT NULL,
    ended_on       TEXT,                       -- deregistered, annulled or changed away
    reserved_until TEXT                        -- a reservation's last day
);

CREATE INDEX proj_name_uscc ON proj_name (uscc) WHERE uscc IS NOT NULL;
CREATE INDEX proj_name_authority ON proj_name (authority);

-- The candidate index: a 64-bit hash of (authority, key) for each key of a name
-- (shijian_text::names::index_keys). Collisions only add candidates; the comparison decides.
CREATE TABLE proj_name_key (
    h       BIGINT NOT NULL,
    name_id BIGINT NOT NULL,
    PRIMARY KEY (h, name_id)
);

-- Name search: the words of every registered name (shijian_text::segment::index_words) as a
-- 'simple' tsvector with a GIN index, keyed by the name's id. Former names stay searchable.
CREATE TABLE proj_name_search (
    name_id BIGINT PRIMARY KEY,
    words   TSVECTOR NOT NULL
);

CREATE INDEX proj_name_search_words ON proj_name_search USING GIN (words);

-- Each entity's credit file (shijian_core::credit::file::CreditFile as JSON): lists, reports,
-- counts, and the latest risk class.
CREATE TABLE proj_credit (
    uscc     TEXT     PRIMARY KEY,
    state    TEXT     NOT NULL,
    class    TEXT,                             -- A, B, C, D
    abnormal BOOLEAN  NOT NULL,
    serious  BOOLEAN  NOT NULL,
    seq      BIGINT   NOT NULL
);

CREATE INDEX proj_credit_abnormal ON proj_credit (uscc) WHERE abnormal;
CREATE INDEX proj_credit_serious ON proj_credit (uscc) WHERE serious;
