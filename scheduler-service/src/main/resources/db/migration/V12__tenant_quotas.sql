-- A tenant's own quotas; null takes the installation's default (spool.scheduler.quota.*).
alter table tenants add column runs_in_flight integer;
alter table tenants add column tasks_per_run integer;
alter table tenants add column submissions_per_minute integer;

-- A submission counts its tenant's unfinished runs.
create index runs_tenant_unfinished on runs (tenant) where finished_at is null;
