-- The public penalty search by party or decision number: each two-character piece (bigram) of
-- a publicity record's party and number, so that a query reads the records holding its rarest
-- piece instead of every record (a `LIKE '%…%'` scan grew with the records public).
CREATE TABLE proj_case_public_gram (
    gram TEXT NOT NULL,
    id   TEXT NOT NULL,
    PRIMARY KEY (gram, id)
) STRICT, WITHOUT ROWID;

INSERT OR IGNORE INTO proj_case_public_gram (gram, id)
WITH RECURSIVE
    src(id, s) AS (SELECT id, party FROM proj_case_public UNION ALL SELECT id, number FROM proj_case_public),
    g(id, s, i) AS (SELECT id, s, 1 FROM src WHERE length(s) >= 2
                    UNION ALL SELECT id, s, i + 1 FROM g WHERE i < length(s) - 1)
SELECT lower(substr(s, i, 2)), id FROM g;
