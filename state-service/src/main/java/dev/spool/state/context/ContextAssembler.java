package dev.spool.state.context;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.spool.contracts.TruncationStrategy;
import dev.spool.contracts.context.ContextDocument;
import dev.spool.contracts.context.ContextRequest;
import dev.spool.state.repository.OutputHeader;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a context document within its budgets, most relevant output first. A piece that does not fit whole is cut
 * by its own truncation strategy, with a marker, while what is left is still useful (256 bytes and 64 tokens); else
 * it is left out and listed as omitted. Not thread-safe: one per document.
 */
final class ContextAssembler {

    static final int USEFUL_BYTES = 256;
    static final int USEFUL_TOKENS = 64;
    /** The document lists this many of what it left out, and counts the rest. */
    static final int LISTED_OMISSIONS = 100;

    private static final ObjectMapper JSON = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();

    private final ContextRequest request;
    private final TokenCounter tokens;
    private final boolean json;
    private final StringBuilder text = new StringBuilder();
    private final List<Map<String, Object>> jsonOutputs = new ArrayList<>();
    private final List<ContextDocument.Entry> entries = new ArrayList<>();
    private final List<ContextDocument.Omitted> omitted = new ArrayList<>();
    private final List<java.util.UUID> used = new ArrayList<>();
    private long omittedOutputs;
    private long usedBytes;
    private int usedTokens;

    ContextAssembler(ContextRequest request, TokenCounter tokens) {
        this.request = request;
        this.tokens = tokens;
        this.json = ContextRequest.JSON.equals(request.format());
        // The JSON document's frame; each output adds its object and a comma.
        this.usedBytes = json ? 64 + request.taskId().length() : 0;
    }

    /** One upstream output, with the header of its task when it is the task's first. */
    void add(Candidate candidate, OutputHeader output, String content, boolean firstOfTask) {
        String taskHeader = firstOfTask && !json ? taskHeader(candidate, output) : "";
        String pieceHeader = json ? "" : pieceHeader(output);
        String body = content.isEmpty() || content.endsWith("\n") || json ? content : content + "\n";
        Piece whole = piece(candidate, output, taskHeader + pieceHeader, body, false);
        if (fits(whole)) {
            accept(whole);
            return;
        }
        Piece shortened = shortened(candidate, output, taskHeader + pieceHeader, body);
        if (shortened != null) {
            accept(shortened);
        } else {
            omit(candidate, output, "does not fit what is left of the budget (" + budgetLeft() + ")");
        }
    }

    void omit(Candidate candidate, OutputHeader output, String reason) {
        omit(candidate.taskId(), output == null ? 0 : output.attempt(), output == null ? null : output.stream(), candidate.relevance(), reason);
    }

    void omit(String taskId, int attempt, String outputType, double relevance, String reason) {
        omittedOutputs++;
        if (omitted.size() < LISTED_OMISSIONS) {
            omitted.add(new ContextDocument.Omitted(taskId, attempt, outputType, relevance, reason));
        }
    }

    boolean full() {
        return request.maxBytes() - usedBytes < USEFUL_BYTES
                || (request.maxTokens() != null && request.maxTokens() - usedTokens < USEFUL_TOKENS);
    }

    String budgetLeft() {
        String bytes = String.format(Locale.ROOT, "%,d of max_bytes %,d", Math.max(0, request.maxBytes() - usedBytes), request.maxBytes());
        return request.maxTokens() == null ? bytes
                : bytes + String.format(Locale.ROOT, ", %,d of max_tokens %,d", Math.max(0, request.maxTokens() - usedTokens), request.maxTokens());
    }

    ContextDocument document(java.time.Instant now) {
        String content;
        if (json) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("run_id", request.runId());
            document.put("task_id", request.taskId());
            document.put("attempt", request.attempt());
            document.put("outputs", jsonOutputs);
            content = write(document);
        } else {
            content = text.toString();
        }
        Integer tokenCount = request.maxTokens() == null ? null : tokens.count(content);
        return new ContextDocument(request.runId(), request.taskId(), request.attempt(), request.format(), content,
                content.getBytes(StandardCharsets.UTF_8).length, tokenCount,
                new ContextDocument.Budget(request.maxBytes(), request.maxTasks(), request.maxTokens(), request.minRelevance()),
                entries, omitted, omittedOutputs, now, false);
    }

    /** The records that went in. */
    List<java.util.UUID> used() {
        return used;
    }

    private record Piece(Candidate candidate, OutputHeader output, String rendered, Map<String, Object> asJson, long bytes,
                         int tokens, long includedBytes, boolean shortened) {
    }

    private Piece piece(Candidate candidate, OutputHeader output, String header, String body, boolean shortened) {
        Map<String, Object> asJson = null;
        String rendered;
        if (json) {
            asJson = new LinkedHashMap<>();
            asJson.put("task_id", output.taskId());
            asJson.put("attempt", output.attempt());
            asJson.put("output_type", output.stream());
            asJson.put("status", output.taskStatus());
            asJson.put("exit_code", output.exitCode());
            asJson.put("relevance", round(candidate.relevance()));
            asJson.put("reason", candidate.reason());
            asJson.put("original_bytes", output.originalBytes());
            asJson.put("truncated", output.truncated());
            asJson.put("shortened", shortened);
            asJson.put("full_output", output.objectKey());
            asJson.put("content", body);
            rendered = write(asJson) + ",";
        } else {
            rendered = header + body;
        }
        long bytes = rendered.getBytes(StandardCharsets.UTF_8).length;
        int count = request.maxTokens() == null ? 0 : tokens.count(rendered);
        return new Piece(candidate, output, rendered, asJson, bytes, count, body.getBytes(StandardCharsets.UTF_8).length, shortened);
    }

    private boolean fits(Piece piece) {
        return usedBytes + piece.bytes() <= request.maxBytes()
                && (request.maxTokens() == null || usedTokens + piece.tokens() <= request.maxTokens());
    }

    /** The piece cut to what is left, trying smaller cuts until it fits; null when what would be left is not useful. */
    private Piece shortened(Candidate candidate, OutputHeader output, String header, String body) {
        long leftBytes = request.maxBytes() - usedBytes;
        long overhead = piece(candidate, output, header, "", true).bytes();
        long room = leftBytes - overhead;
        if (request.maxTokens() != null) {
            long leftTokens = request.maxTokens() - usedTokens;
            if (leftTokens < USEFUL_TOKENS) {
                return null;
            }
            // About four bytes a token in text; the loop below corrects the guess.
            room = Math.min(room, leftTokens * 4);
        }
        TruncationStrategy strategy = strategyOf(output);
        for (int tries = 0; tries < 12 && room >= USEFUL_BYTES; tries++) {
            String cut = OutputShortener.shorten(body, strategy, (int) Math.min(Integer.MAX_VALUE, room));
            if (cut == null) {
                return null;
            }
            Piece piece = piece(candidate, output, header, cut, true);
            if (fits(piece)) {
                return piece;
            }
            long overBytes = usedBytes + piece.bytes() - request.maxBytes();
            long overTokens = request.maxTokens() == null ? 0 : (usedTokens + piece.tokens() - request.maxTokens()) * 5L;
            room -= Math.max(Math.max(overBytes, overTokens), room / 10) ;
        }
        return null;
    }

    private void accept(Piece piece) {
        if (json) {
            jsonOutputs.add(piece.asJson());
        } else {
            text.append(piece.rendered());
        }
        usedBytes += piece.bytes();
        usedTokens += piece.tokens();
        OutputHeader output = piece.output();
        used.add(output.id());
        entries.add(new ContextDocument.Entry(output.taskId(), output.attempt(), output.stream(), output.taskStatus(), output.exitCode(),
                round(piece.candidate().relevance()), piece.candidate().reason(), output.originalBytes(), output.keptBytes(),
                piece.includedBytes(), output.truncated(), piece.shortened(), output.objectKey()));
    }

    private static String taskHeader(Candidate candidate, OutputHeader output) {
        StringBuilder header = new StringBuilder("=== ").append(output.taskId()).append(" · attempt ").append(output.attempt())
                .append(" · ").append(output.taskStatus());
        if (output.exitCode() != null) {
            header.append(" · exit code ").append(output.exitCode());
        }
        header.append(String.format(Locale.ROOT, " · relevance %.2f (%s) ===\n", candidate.relevance(), candidate.reason()));
        return header.toString();
    }

    private String pieceHeader(OutputHeader output) {
        StringBuilder header = new StringBuilder("--- ").append(output.stream());
        if ("result".equals(output.stream())) {
            return header.append(" (JSON) ---\n").toString();
        }
        header.append(String.format(Locale.ROOT, ": %,d bytes", output.originalBytes()));
        if (output.truncated()) {
            header.append(", truncated (").append(output.truncationStrategy()).append(')');
        }
        if (output.objectKey() != null) {
            header.append("; full output: /api/v1/runs/").append(request.runId()).append("/tasks/").append(output.taskId())
                    .append("/output/full?stream=").append(output.stream()).append("&attempt=").append(output.attempt());
        }
        return header.append(" ---\n").toString();
    }

    private static TruncationStrategy strategyOf(OutputHeader output) {
        try {
            return TruncationStrategy.fromWireName(output.truncationStrategy());
        } catch (IllegalArgumentException e) {
            return TruncationStrategy.TAIL;
        }
    }

    private static double round(double score) {
        return Math.round(score * 1000) / 1000.0;
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a context document cannot be written", e);
        }
    }
}
