package dev.spool.scheduler.workflow;

import java.util.List;

/**
 * {@code context}: which upstream output the task is given ({@code mode}, {@code include}, {@code exclude},
 * {@code min_relevance}, {@code window}), how much ({@code max_bytes}, {@code max_tasks}, {@code max_tokens}), and
 * how ({@code format}: text or json; {@code stdin}: also on its standard input).
 */
public record ContextSpec(String mode, List<String> include, List<String> exclude, Long maxBytes, Integer maxTasks, Long maxTokens,
                          Double minRelevance, String window, String format, Boolean stdin) {
}
