-- Kept text too large for a result is stored as an object of its own; the record keeps its key (a claim check)
-- and an empty content, and the text is read from the bucket when the output is read.
alter table task_outputs add column kept_text_key text;
create index task_outputs_kept_text_key on task_outputs (kept_text_key) where kept_text_key is not null;
