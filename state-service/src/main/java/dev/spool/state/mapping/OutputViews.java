package dev.spool.state.mapping;

import dev.spool.contracts.TaskOutputView;
import dev.spool.state.model.TaskOutput;

import java.util.List;

/** A record as the API shows it; {@code content} only when asked for and kept in the record (null otherwise). */
public final class OutputViews {

    private OutputViews() {
    }

    public static TaskOutputView view(TaskOutput row, boolean withContent, List<String> dependedBy) {
        String content = withContent && row.keptTextKey == null ? row.content : null;
        return new TaskOutputView(row.runId, row.taskId, row.attemptId, row.attempt, row.stream, row.stream, row.taskStatus, row.exitCode,
                content, row.originalBytes, row.originalBytes, row.originalLines, row.keptBytes, row.truncated,
                row.truncationStrategy, row.binary, row.objectKey, row.objectKey, row.objectBytes, row.storedBytes, row.sha256,
                row.storedClipped, row.externalStorageFailed, row.storageError, row.relevanceScore, row.lastAccessed,
                dependedBy == null ? List.of() : dependedBy, row.startedAt, row.completedAt, row.usage, row.keptTextKey);
    }
}
