-- The W3C traceparent of a run's submission: each of its attempts' dispatches is a span of that trace, so that one
-- trace follows an attempt from the HTTP request through Kafka, the worker and the state-service.
alter table runs add column trace_parent varchar(64);
