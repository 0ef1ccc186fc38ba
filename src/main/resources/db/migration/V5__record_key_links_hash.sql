-- The hash of the links a row carried when its record was last stored (ContentHash.ofLinks), written in the same
-- transaction as those links: an unchanged row whose links hash the same needs no pending-link lookup (docs/benchmarks.md).
-- Null (rows stored before this column, aliases): the links are looked up as before.
alter table record_key add column links_hash varchar(64);
