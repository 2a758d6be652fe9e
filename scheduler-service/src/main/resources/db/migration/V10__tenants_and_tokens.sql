-- Who may call the gateway. A token is shown once, when it is issued; only its SHA-256 is kept, so a copy of the
-- database lets no one in. Runs belong to the tenant that submitted them; runs from before tenants belong to the
-- tenant the local stack and a fresh installation bootstrap, 'default'.
create table tenants (
    name       text primary key,
    created_at timestamptz not null
);

insert into tenants (name, created_at) values ('default', now());

create table api_tokens (
    id         uuid primary key,
    tenant     text not null references tenants (name),
    name       text not null,
    role       text not null,
    token_hash bytea not null unique,
    created_at timestamptz not null,
    expires_at timestamptz,
    revoked_at timestamptz,
    unique (tenant, name)
);

alter table runs add column tenant text not null default 'default' references tenants (name);
alter table runs alter column tenant drop default;

-- The run listing of one tenant, newest first.
create index runs_tenant_created on runs (tenant, created_at desc, id desc);
