-- Products and business premises that pools of product or premises items draw from
-- (shijian_core::inspection::pool::InspectionObject as JSON), by kind and division.
CREATE TABLE proj_inspection_object (
    id     TEXT    PRIMARY KEY,
    kind   TEXT    NOT NULL,
    office TEXT    NOT NULL,
    active BIGINT NOT NULL,
    state  TEXT    NOT NULL,
    seq    BIGINT NOT NULL
);

CREATE INDEX proj_inspection_object_kind_office ON proj_inspection_object (kind, office);
