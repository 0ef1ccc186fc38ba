-- The console's login sessions (docs/console.md "Log in"), shared by every instance on the ledger database and kept
-- across restarts. A session is found by the SHA-256 (hex) of the id its cookie carries: the id itself is never
-- stored, so a reader of this table cannot present a session. Rows end at logout; expired ones are swept at a login.
create table console_session (
    id_hash       varchar(64)              not null primary key,
    user_name     varchar(200),
    created_at    timestamp with time zone not null,
    last_seen_at  timestamp with time zone not null,
    expires_at    timestamp with time zone not null
);
create index console_session_expires on console_session (expires_at);
