-- Issue #4 item 2: the lists a synced contact belongs to, when the sync is asked for them
-- (crm-bridge.sync.list-memberships=true): comma-separated HubSpot list ids; null when not fetched.
-- (V3 is left to the sales-ledger tables of issue #7, built at the same time.)
alter table synced_contact add column list_memberships varchar(4000);
