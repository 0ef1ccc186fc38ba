-- What each run wrote to HubSpot, so that it can be undone (PRODUCT.md U1, docs/undo.md), in portable SQL
-- (varchar without a length is unbounded text on H2 and PostgreSQL alike).

-- One row per record a run created or updated: the values it wrote and, for an update, the values HubSpot held
-- before (read by idProperty just before the upsert; null when that read is switched off). written_at is HubSpot's
-- updatedAt in the upsert's answer: a later updatedAt means someone changed the record since.
create table record_change (
    run_id        bigint       not null,
    object_type   varchar(16)  not null,
    hubspot_id    varchar(32)  not null,
    natural_key   varchar(512) not null,
    created       boolean      not null,
    written       varchar      not null,
    prior         varchar,
    written_at    timestamp    not null,
    primary key (run_id, object_type, hubspot_id)
);
create index record_change_record on record_change (hubspot_id, object_type);

-- How each record of an undone run ended: REVERSED, KEPT or FAILED, and why. A record with an outcome is not
-- touched again, so a second undo, or one restarted after a crash, changes nothing twice.
create table undo_outcome (
    run_id        bigint        not null,
    object_type   varchar(16)   not null,
    hubspot_id    varchar(32)   not null,
    outcome       varchar(16)   not null,
    reason        varchar(2048),
    changed_by    bigint,
    decided_at    timestamp     not null,
    primary key (run_id, object_type, hubspot_id)
);

-- An undo forgets the records it archived, their aliases too (companies' name: and domain: keys): by HubSpot id.
create index record_key_hubspot_id on record_key (hubspot_id, object_type);

-- The run whose file completion made each association, so that undoing the run archives it.
alter table association_link add column run_id bigint;
create index association_link_run on association_link (run_id);
