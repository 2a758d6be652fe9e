-- One row per stream of each attempt: the kept text and what the original looked like.
create table task_outputs (
    id                  uuid primary key,
    run_id              uuid        not null,
    task_id             text        not null,
    attempt_id          uuid        not null,
    attempt             integer     not null,
    stream              text        not null check (stream in ('stdout', 'stderr')),
    task_status         text        not null,
    exit_code           integer,
    content             text        not null,
    original_bytes      bigint      not null,
    original_lines      bigint      not null,
    kept_bytes          bigint      not null,
    truncated           boolean     not null,
    truncation_strategy text        not null,
    object_key          text,
    stored_bytes        bigint,
    storage_error       text,
    worker_id           text,
    started_at          timestamptz,
    completed_at        timestamptz not null,
    recorded_at         timestamptz not null default now(),
    constraint task_outputs_attempt_stream unique (attempt_id, stream)
);

create index task_outputs_run_task on task_outputs (run_id, task_id, attempt desc);
