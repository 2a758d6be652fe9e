package dev.spool.scheduler.workflow;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

import java.io.IOException;
import com.fasterxml.jackson.core.JsonStreamContext;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;

/**
 * One linear pass over a document's tokens before it is bound, for what binding would get wrong or could not bound:
 * <ul>
 *   <li>text that cannot be stored or handed to a process: NUL and other control characters, lone surrogates;</li>
 *   <li>YAML anchors and aliases, which the binder would read as the alias's name, not its value;</li>
 *   <li>nesting deeper than any workflow needs, which would otherwise cost recursion.</li>
 * </ul>
 * Syntax errors surface here too, as {@link IOException}s for the parser to word.
 */
final class DocumentScan {

    /** A workflow nests about seven levels deep; this leaves room, and bounds what a hostile document costs. */
    static final int MAX_DEPTH = 32;
    private static final int MAX_TEXT_PROBLEMS = 20;

    private DocumentScan() {
    }

    /** What the scan found: problems, and where each field and list element starts, by path. */
    record Result(List<Violation> problems, Map<String, JsonLocation> locations) {
    }

    static Result scan(JsonParser parser) throws IOException {
        List<Violation> problems = new ArrayList<>();
        Map<String, JsonLocation> locations = new HashMap<>();
        int depth = 0;
        int textProblems = 0;
        for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
            if (parser instanceof YAMLParser yaml && (yaml.isCurrentAlias() || yaml.getCurrentAnchor() != null)) {
                String shown = yaml.isCurrentAlias() ? "*" + yaml.getText() : "&" + yaml.getCurrentAnchor();
                problems.add(at(parser, "YAML anchors, aliases and merge keys ('" + shown + "') are not supported: "
                        + "write the value out in full, or use the workflow's defaults and env for what tasks share"));
                return new Result(problems, locations);
            }
            remember(parser, token, locations);
            switch (token) {
                case START_OBJECT, START_ARRAY -> {
                    if (++depth > MAX_DEPTH) {
                        problems.add(at(parser, "the document nests deeper than " + MAX_DEPTH + " levels; a workflow needs far fewer"));
                        return new Result(problems, locations);
                    }
                }
                case END_OBJECT, END_ARRAY -> depth--;
                case FIELD_NAME, VALUE_STRING -> {
                    String problem = Text.problem(parser.getText());
                    if (problem != null && textProblems++ < MAX_TEXT_PROBLEMS) {
                        problems.add(at(parser, (token == JsonToken.FIELD_NAME ? "the field name " : "the text ") + problem));
                    }
                }
                default -> {
                }
            }
        }
        return new Result(problems, locations);
    }

    /** The start of each field (at its name) and of each list element, so that any problem's path can be given a line. */
    private static void remember(JsonParser parser, JsonToken token, Map<String, JsonLocation> locations) {
        JsonStreamContext context = parser.getParsingContext();
        if (token == JsonToken.FIELD_NAME) {
            locations.putIfAbsent(ReadProblems.path(context), parser.currentTokenLocation());
        } else if (token != JsonToken.END_ARRAY && token != JsonToken.END_OBJECT) {
            JsonStreamContext holder = token == JsonToken.START_ARRAY || token == JsonToken.START_OBJECT ? context.getParent() : context;
            if (holder != null && holder.inArray()) {
                locations.putIfAbsent(ReadProblems.path(parser), parser.currentTokenLocation());
            }
        }
    }

    private static Violation at(JsonParser parser, String message) {
        // A field name is reported at the mapping that holds it: the name itself is what is wrong.
        String path = parser.currentToken() == JsonToken.FIELD_NAME
                ? ReadProblems.path(parser.getParsingContext().getParent())
                : ReadProblems.path(parser);
        JsonLocation location = parser.currentTokenLocation();
        return location == null || location.getLineNr() < 1 ? new Violation(path, message)
                : new Violation(path, message, location.getLineNr(), location.getColumnNr());
    }
}
