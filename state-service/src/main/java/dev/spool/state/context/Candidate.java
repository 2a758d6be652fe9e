package dev.spool.state.context;

/** A task whose output qualifies for a context, its score, and why; {@code attempt} is set for a loop's own iterations. */
record Candidate(String taskId, Integer attempt, double relevance, String reason) {

    Candidate atLeast(Candidate other) {
        return other == null || relevance >= other.relevance ? this : other;
    }
}
