-- The remote files a source leaves on its server and remembers instead of moving them (docs/sources.md, a source
-- with remember=true): one row per file version, keyed by the server, the file's path, size and modification time,
-- so that a restart and every instance of a cluster take each version once. Portable SQL (H2 and PostgreSQL).
create table remote_file_seen (
    file_key  varchar(2048)            not null primary key,
    seen_at   timestamp with time zone not null
);
