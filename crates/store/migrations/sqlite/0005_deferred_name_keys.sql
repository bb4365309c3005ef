-- Name keys written during a bulk load (a synthetic province, a projection rebuild), merged
-- into proj_name_key in key order when the load ends, or when the store next opens if the
-- load was interrupted. proj_name_key is keyed by a hash, so every insert lands on a random
-- page: a load that inserted into it directly would rewrite most of its pages at each
-- commit. Appending here and inserting once in sorted order writes each page once.
CREATE TABLE proj_name_key_pending (
    h       INTEGER NOT NULL,
    name_id INTEGER NOT NULL
) STRICT;
