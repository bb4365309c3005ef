-- Accounts: the fold of the access.account_* events (restricted events of the journal: who
-- was given which powers, by whom and when, is on the record). Credentials live beside the
-- journal and never leave the server: Argon2id password hashes, SHA-256 hashes of API tokens.
CREATE TABLE proj_account (
    username TEXT    PRIMARY KEY,
    state    TEXT    NOT NULL,                 -- JSON: shijian_core::account::Account
    seq      INTEGER NOT NULL
) STRICT;

CREATE TABLE access_credential (
    username     TEXT    PRIMARY KEY,
    password     TEXT    NOT NULL,             -- Argon2id, PHC string format
    failures     INTEGER NOT NULL DEFAULT 0,   -- failed sign-ins in a row
    locked_until TEXT,                         -- RFC 3339, UTC
    changed_at   TEXT    NOT NULL
) STRICT;

CREATE TABLE access_token (
    hash       BLOB    PRIMARY KEY CHECK (length(hash) = 32),  -- SHA-256 of the token
    username   TEXT    NOT NULL,
    label      TEXT    NOT NULL,
    created_at TEXT    NOT NULL,
    expires_at TEXT,                           -- RFC 3339, UTC; NULL: until revoked
    revoked    INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE INDEX access_token_username ON access_token (username);

-- Every refused attempt: bad credentials, a locked account, a refused action.
CREATE TABLE access_refusal (
    id     INTEGER PRIMARY KEY,
    at     TEXT    NOT NULL,
    who    TEXT,                               -- the username tried or acting, if any
    client TEXT,                               -- the client's address, if known
    code   TEXT    NOT NULL,                   -- the error code
    what   TEXT    NOT NULL                    -- the action or path
) STRICT;
