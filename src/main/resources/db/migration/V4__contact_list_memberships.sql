-- The lists a synced contact belongs to (S1), when the sync is asked for them
-- (crm-bridge.sync.list-memberships=true): comma-separated HubSpot list ids; null when not fetched.
alter table synced_contact add column list_memberships varchar(4000);
