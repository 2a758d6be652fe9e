-- Every action taken through the gateway, and every failed authentication: append-only (nothing in Spool updates
-- or deletes a row but the audit retention), and kept apart from runs, which have their own retention.
create table audit_log (
    id      bigserial primary key,
    at      timestamptz not null,
    tenant  text,
    actor   text,
    role    text,
    action  text not null,
    target  text,
    source  text,
    outcome integer not null
);

create index audit_log_tenant on audit_log (tenant, id desc);
create index audit_log_at on audit_log (at);
