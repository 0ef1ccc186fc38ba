-- What Brevo says of a scheduled campaign after its scheduledAt (docs/campaigns.md, "After scheduledAt"): the status
-- Brevo last answered (draft, sent, archive, queued, suspended, in_process), when it was read, and when Brevo sent
-- the campaign (its sentDate). The log's own status becomes sent, or failed with the reason, from these.
alter table sales_campaign add column brevo_status varchar(16);
alter table sales_campaign add column status_checked_at timestamp;
alter table sales_campaign add column sent_at timestamp;
