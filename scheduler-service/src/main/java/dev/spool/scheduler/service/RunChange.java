package dev.spool.scheduler.service;

/** A stored run (or what a command returns) and what the dispatcher should do about it once it has committed. */
public record RunChange<T>(T value, EngineChanges changes) {
}
