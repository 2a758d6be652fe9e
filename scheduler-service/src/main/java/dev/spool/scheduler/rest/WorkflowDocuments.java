package dev.spool.scheduler.rest;

import dev.spool.scheduler.workflow.WorkflowParser;
import jakarta.ws.rs.core.MediaType;

import java.nio.charset.StandardCharsets;

/** What the submit and validate endpoints share: the document's format and its size limit. */
final class WorkflowDocuments {

    private WorkflowDocuments() {
    }

    static WorkflowParser.Format format(String contentType) {
        if (contentType == null) {
            return WorkflowParser.Format.YAML;
        }
        String type = contentType.toLowerCase();
        return type.startsWith(MediaType.APPLICATION_JSON) || type.contains("+json") ? WorkflowParser.Format.JSON : WorkflowParser.Format.YAML;
    }

    static void checkSize(String body, long limit) {
        if (body == null) {
            return;
        }
        // Characters are at most 3 bytes in the UTF-16 range Java holds in one char: count exactly only near the limit.
        if ((long) body.length() * 3 > limit) {
            long bytes = body.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > limit) {
                throw new WorkflowTooLargeException(bytes, limit);
            }
        }
    }
}
