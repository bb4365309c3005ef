-- 12315 complaints and reports: each one's state (shijian_core::complaint::ComplaintState as
-- JSON), its narrow columns for worklists, disclosure and analysis, and the ODR scheme.
CREATE TABLE proj_complaint (
    id    TEXT    PRIMARY KEY,
    state TEXT    NOT NULL,
    seq   BIGINT NOT NULL
);

CREATE TABLE proj_complaint_fact (
    id              TEXT    PRIMARY KEY,
    kind            TEXT    NOT NULL,
    office          TEXT    NOT NULL,
    status          TEXT    NOT NULL,
    open            BIGINT NOT NULL,
    entity          TEXT,
    odr_entity      TEXT,
    received_on     TEXT    NOT NULL,
    closed_on       TEXT,
    outcome         TEXT    NOT NULL,
    category        TEXT    NOT NULL,
    problem         TEXT    NOT NULL,
    place           TEXT    NOT NULL,
    channel         TEXT    NOT NULL,
    rating          BIGINT,
    amount          BIGINT,
    recovered       BIGINT,
    odr_answered_on TEXT,
    odr_settled     BIGINT
);

CREATE INDEX proj_complaint_fact_open ON proj_complaint_fact (office, id) WHERE open = 1;
CREATE INDEX proj_complaint_fact_entity ON proj_complaint_fact (entity) WHERE entity IS NOT NULL;
CREATE INDEX proj_complaint_fact_odr ON proj_complaint_fact (odr_entity, id) WHERE odr_entity IS NOT NULL;
CREATE INDEX proj_complaint_fact_office ON proj_complaint_fact (office, id);

CREATE TABLE proj_odr_member (
    entity TEXT    PRIMARY KEY,
    office TEXT    NOT NULL,
    active BIGINT NOT NULL,
    state  TEXT    NOT NULL,
    seq    BIGINT NOT NULL
);
