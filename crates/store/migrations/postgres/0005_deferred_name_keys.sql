-- The SQLite tree defers name-key inserts during bulk loads (proj_name_key_pending). The
-- PostgreSQL store inserts them directly, so this version changes nothing here; it keeps the
-- two trees' version lists the same.
SELECT 1;
