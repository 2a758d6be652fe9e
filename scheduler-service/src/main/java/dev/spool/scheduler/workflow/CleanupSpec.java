package dev.spool.scheduler.workflow;

/**
 * {@code limits.cleanup_strategy}: {@code type} (most_recent, highest_relevance, lru, non_dependencies) keeps
 * {@code keep_count} outputs, plus those a task still to run needs; it prunes every {@code every} recorded outputs,
 * and whenever the run keeps more than {@code max_kept_bytes}.
 */
public record CleanupSpec(String type, Integer keepCount, Integer every, Long maxKeptBytes) {
}
