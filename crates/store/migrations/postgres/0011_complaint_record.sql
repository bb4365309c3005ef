-- What 12315 work publishes or passes on: complainants' narratives (public), case clues from
-- repeated complaints (诉转案, restricted) and consumer warnings (public). `body` is the record
-- as JSON (shijian_core::complaint::publication and ::clue); `open` marks a clue not yet checked.
CREATE TABLE proj_complaint_record (
    id     TEXT    PRIMARY KEY,
    kind   TEXT    NOT NULL,
    entity TEXT,
    office TEXT    NOT NULL,
    day    TEXT    NOT NULL,
    open   BIGINT  NOT NULL,
    body   TEXT    NOT NULL,
    seq    BIGINT  NOT NULL
);

CREATE INDEX proj_complaint_record_entity ON proj_complaint_record (entity, kind) WHERE entity IS NOT NULL;
CREATE INDEX proj_complaint_record_kind ON proj_complaint_record (kind, day);
