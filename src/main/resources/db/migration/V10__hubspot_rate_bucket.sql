-- The HubSpot request budget every instance of one token shares (docs/cluster.md "One HubSpot budget"): one
-- Bucket4j token bucket a row, its state in Bucket4j's own serial form, written by Bucket4j's PostgreSQL backend
-- under SELECT ... FOR UPDATE. The id is a hash of the token, never the token itself. bytea is known to H2 too.
create table hubspot_rate_bucket (
    id    varchar(80) primary key,
    state bytea
);

-- The requests each file in flight on some instance may still send today (docs/cluster.md "One HubSpot budget"):
-- its estimate and what it has sent so far, refreshed by its instance while the file runs. The check of a new
-- file counts them against the account's daily requests left, as HubSpot has not counted them yet. A claim no
-- longer refreshed (its instance died) is dropped after crm-bridge.cluster.dead-after-ms.
create table daily_budget_claim (
    claim_id     varchar(36)              primary key,
    file_name    varchar(512)             not null,
    estimate     bigint                   not null,
    sent         bigint                   not null,
    refreshed_at timestamp with time zone not null
);
