-- Several instances on one database (PRODUCT.md O5, docs/cluster.md "Shared inbox and takeover"), in portable SQL.
-- Written only when crm-bridge.cluster.enabled = true; times are the database's own clock (current_timestamp), so
-- that instances on hosts whose clocks differ agree on who is alive.

-- One row per instance: when it started and when it last said it was alive (every crm-bridge.cluster.heartbeat-ms).
create table cluster_member (
    instance_id   varchar(200)             not null primary key,
    started_at    timestamp with time zone not null,
    heartbeat_at  timestamp with time zone not null
);

-- The inbox files being processed, by file name: the inbox consumer's idempotent read lock. A row whose instance
-- is dead (no heartbeat for crm-bridge.cluster.dead-after-ms) is taken over by the next instance that polls.
create table file_claim (
    file_name     varchar(1024)            not null primary key,
    instance_id   varchar(200)             not null,
    claimed_at    timestamp with time zone not null
);

-- The contents being imported, by SHA-256 (with "/dry-run" for a dry run): the same content under two names is
-- imported by one instance at a time.
create table content_claim (
    content_key   varchar(80)              not null primary key,
    instance_id   varchar(200)             not null,
    claimed_at    timestamp with time zone not null
);

-- The instance that runs each import (null for a single instance): a RUNNING run is taken over only when its
-- owner is dead.
alter table import_run add column owner_instance varchar(200);
