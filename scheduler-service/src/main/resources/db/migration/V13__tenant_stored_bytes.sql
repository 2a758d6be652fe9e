-- A tenant's own quota of bytes stored in the bucket; null takes spool.scheduler.quota.stored-bytes.
alter table tenants add column stored_bytes bigint;
