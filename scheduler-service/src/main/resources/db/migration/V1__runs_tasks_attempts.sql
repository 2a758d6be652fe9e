create table runs (
    id            uuid primary key,
    name          text        not null,
    status        text        not null,
    -- The workflow exactly as it was submitted, so nothing the user sent is lost.
    source        text        not null,
    source_format text        not null,
    created_at    timestamptz not null,
    finished_at   timestamptz
);
create index runs_status_created on runs (status, created_at);

create table tasks (
    id                 uuid primary key,
    run_id             uuid        not null references runs (id) on delete cascade,
    task_id            text        not null,
    position           integer     not null,
    -- Resolved command, environment, limits and dependencies, as JSON.
    definition         text        not null,
    status             text        not null,
    status_reason      text,
    attempt            integer     not null default 0,
    current_attempt_id uuid,
    exit_code          integer,
    queued_at          timestamptz,
    started_at         timestamptz,
    finished_at        timestamptz,
    constraint tasks_run_task unique (run_id, task_id)
);

create table attempts (
    id            uuid primary key,
    task_row_id   uuid        not null references tasks (id) on delete cascade,
    run_id        uuid        not null,
    task_id       text        not null,
    number        integer     not null,
    status        text        not null,
    worker_id     text,
    exit_code     integer,
    error         text,
    -- Sizes of both streams and where their full copies are, as JSON.
    outputs       text,
    dispatched_at timestamptz not null,
    started_at    timestamptz,
    finished_at   timestamptz,
    constraint attempts_task_number unique (task_row_id, number)
);
create index attempts_run on attempts (run_id);
