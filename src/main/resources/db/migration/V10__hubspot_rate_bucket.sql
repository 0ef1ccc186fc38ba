-- The HubSpot request budget every instance of one token shares (docs/cluster.md "One HubSpot budget"): one
-- Bucket4j token bucket a row, its state in Bucket4j's own serial form, written by Bucket4j's PostgreSQL backend
-- under SELECT ... FOR UPDATE. The id is a hash of the token, never the token itself. bytea is known to H2 too.
create table hubspot_rate_bucket (
    id    varchar(80) primary key,
    state bytea
);
