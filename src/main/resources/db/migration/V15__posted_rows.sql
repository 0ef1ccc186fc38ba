-- Rows posted over HTTP (POST /api/rows/{objectType}, docs/http-intake.md): each post's run, reserved in import_run
-- before the answer, with the content hash its file is imported under and the client's Idempotency-Key, if any. The
-- key is unique: the same key posted again (by any instance) answers the first post's run and imports nothing.
create table posted_rows (
    run_id           bigint        not null primary key,
    object_type      varchar(16)   not null,
    idempotency_key  varchar(200),
    content_hash     varchar(64)   not null,
    file_hash        varchar(64)   not null,
    row_count        int           not null,
    posted_at        timestamp     not null,
    duplicate_of     bigint,
    constraint posted_rows_key unique (idempotency_key)
);
create index posted_rows_hash on posted_rows (content_hash);
