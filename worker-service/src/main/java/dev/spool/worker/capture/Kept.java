package dev.spool.worker.capture;

/**
 * What a strategy kept of a stream, rendered as text.
 *
 * @param keptBytes bytes of the original that {@code text} holds; markers and notes are not counted
 * @param binary    some kept bytes were not UTF-8 and show as U+FFFD
 */
public record Kept(String text, long keptBytes, boolean truncated, boolean binary) {
}
