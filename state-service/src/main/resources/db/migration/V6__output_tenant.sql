-- The tenant whose run an output is, as the dispatch carried it: what each tenant stores counts against its quota.
-- Outputs recorded before have none, and count for no tenant.
alter table task_outputs add column tenant text;
create index task_outputs_tenant_stored on task_outputs (tenant) include (object_bytes) where object_key is not null;
