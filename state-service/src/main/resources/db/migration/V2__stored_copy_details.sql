-- What the stored copy holds: the object's own size, the original bytes in it, their SHA-256, and whether it
-- was clipped at the worker's spool cap or could not be stored at all. And whether the kept text was binary.
alter table task_outputs rename column stored_bytes to object_bytes;
alter table task_outputs add column stored_bytes bigint;
alter table task_outputs add column sha256 text;
alter table task_outputs add column stored_clipped boolean not null default false;
alter table task_outputs add column external_storage_failed boolean not null default false;
alter table task_outputs add column is_binary boolean not null default false;
