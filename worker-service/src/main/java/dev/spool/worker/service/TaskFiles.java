package dev.spool.worker.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.spool.contracts.context.ContextDocument;
import dev.spool.contracts.context.ContextRequest;
import dev.spool.support.Failures;
import dev.spool.support.Texts;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The files an attempt shares with Spool, beside its working directory: the context it reads
 * ({@code SPOOL_CONTEXT_FILE}) and the result object it may write ({@code SPOOL_RESULT_FILE}).
 */
final class TaskFiles {

    static final String CONTEXT_FILE = "SPOOL_CONTEXT_FILE";
    static final String RESULT_FILE = "SPOOL_RESULT_FILE";
    static final int MAX_RESULT_BYTES = 64 * 1024;

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private TaskFiles() {
    }

    static Path contextFile(Path attemptRoot, ContextRequest request) {
        return attemptRoot.resolve(ContextRequest.JSON.equals(request.format()) ? "context.json" : "context.txt");
    }

    static Path resultFile(Path attemptRoot) {
        return attemptRoot.resolve("result.json");
    }

    static void writeContext(Path file, ContextDocument document) throws IOException {
        Files.writeString(file, document.content(), StandardCharsets.UTF_8);
    }

    /** What the task finds when its context could not be fetched: the reason, in the task's format. */
    static void writeUnavailable(Path file, ContextRequest request, String reason) throws IOException {
        String note = "Spool could not fetch this task's context: " + reason;
        String content = ContextRequest.JSON.equals(request.format())
                ? JSON.writeValueAsString(java.util.Map.of("run_id", request.runId().toString(), "task_id", request.taskId(),
                "outputs", List.of(), "unavailable", note))
                : "# " + note + "\n";
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    /** The task's result, or why there is none. */
    record Result(String json, String warning) {
        static final Result NONE = new Result(null, null);
    }

    /**
     * Reads the result the task left: a JSON object of at most 64 KiB, written back compact. Anything else is a warning
     * for the task, never a failure of it.
     */
    static Result readResult(Path file) {
        if (!Files.isRegularFile(file)) {
            return Result.NONE;
        }
        try {
            long size = Files.size(file);
            if (size == 0) {
                return Result.NONE;
            }
            if (size > MAX_RESULT_BYTES) {
                return new Result(null, String.format(Locale.ROOT, "%s held %,d bytes, over the %,d a result may have; no result was "
                        + "recorded: keep the result small and print or store the rest", RESULT_FILE, size, MAX_RESULT_BYTES));
            }
            JsonNode node;
            try (InputStream in = Files.newInputStream(file)) {
                node = JSON.readTree(in);
            }
            if (node == null || !node.isObject()) {
                return new Result(null, RESULT_FILE + " does not hold a JSON object (it holds " + kind(node)
                        + "); no result was recorded: write one object, such as {\"version\": \"1.2\"}");
            }
            return new Result(JSON.writeValueAsString(node), null);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": ";
            return new Result(null, RESULT_FILE + " is not valid JSON (" + where + Texts.storable(e.getOriginalMessage(), 300)
                    + "); no result was recorded");
        } catch (IOException e) {
            return new Result(null, RESULT_FILE + " could not be read (" + Failures.describe(e) + "); no result was recorded");
        }
    }

    private static String kind(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return node.isArray() ? "an array" : node.isTextual() ? "a string" : node.isNumber() ? "a number"
                : node.isBoolean() ? "a boolean" : "null";
    }
}
