package dev.spool.scheduler.rest;

import dev.spool.scheduler.workflow.Violation;
import dev.spool.scheduler.workflow.WorkflowParser;
import dev.spool.scheduler.workflow.WorkflowValidationException;
import jakarta.ws.rs.core.MediaType;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** What the submit and validate endpoints share: the document's format, its size limit and its encoding. */
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

    /**
     * The document as text: within the size limit, and valid UTF-8, so that no byte of it is silently replaced
     * before it is checked and stored.
     */
    static String text(byte[] body, long limit) {
        if (body == null) {
            return null;
        }
        if (body.length > limit) {
            throw new WorkflowTooLargeException(body.length, limit);
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.wrap(body);
        try {
            return decoder.decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw new WorkflowValidationException(List.of(new Violation("$", "the body is not valid UTF-8 (at byte " + bytes.position()
                    + "); send the workflow as UTF-8 text")));
        }
    }
}
