package dev.spool.contracts.context;

/**
 * How relevant one task's output is to another task, as the seed defines it. The one home of these numbers: the
 * scheduler scores the graph with them, the state-service the rest (labels, recency, a loop's own iterations).
 */
public final class Relevance {

    public static final double DIRECT_DEPENDENCY = 1.0;
    public static final double SAME_AGENT = 0.5;
    public static final double RECENT = 0.3;
    public static final double UNRELATED = 0.0;

    /** Ancestors deeper than this count as unrelated: 0.8/100 is below any threshold worth setting. */
    public static final int MAX_DEPTH = 100;

    private Relevance() {
    }

    /**
     * An upstream task {@code depth} dependency hops away: 1.0 for a direct dependency, 0.8/depth beyond. A loop's
     * earlier iterations score the same way, the latest one being one hop back.
     */
    public static double ofDepth(int depth) {
        if (depth < 1 || depth > MAX_DEPTH) {
            return UNRELATED;
        }
        return depth == 1 ? DIRECT_DEPENDENCY : 0.8 / depth;
    }

    /** The deepest ancestor whose score still reaches {@code minRelevance}. */
    public static int reach(double minRelevance) {
        if (minRelevance <= 0) {
            return MAX_DEPTH;
        }
        if (minRelevance > 0.8 / 2) {
            return minRelevance <= DIRECT_DEPENDENCY ? 1 : 0;
        }
        return (int) Math.min(MAX_DEPTH, Math.floor(0.8 / minRelevance + 1e-9));
    }
}
