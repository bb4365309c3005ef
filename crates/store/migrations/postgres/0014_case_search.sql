-- The public penalty search by party or decision number: each two-character piece (bigram) of
-- a publicity record's party and number, so that a query reads the records holding its rarest
-- piece instead of every record (a `LIKE '%…%'` scan grew with the records public).
CREATE TABLE proj_case_public_gram (
    gram TEXT NOT NULL,
    id   TEXT NOT NULL,
    PRIMARY KEY (gram, id)
);

INSERT INTO proj_case_public_gram (gram, id)
SELECT DISTINCT lower(substr(src.s, i, 2)), src.id
FROM (SELECT id, party AS s FROM proj_case_public UNION ALL SELECT id, number FROM proj_case_public) src,
     generate_series(1, length(src.s) - 1) AS i
ON CONFLICT DO NOTHING;
