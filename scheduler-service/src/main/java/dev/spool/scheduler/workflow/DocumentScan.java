package dev.spool.scheduler.workflow;

import dev.spool.support.Texts;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

import java.io.IOException;
import com.fasterxml.jackson.core.JsonStreamContext;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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

    /**
     * What the scan found: problems that stop reading; unknown fields, which do not, so that binding can report the
     * rest; and where each field and list element starts, by path.
     */
    record Result(List<Violation> problems, Map<String, JsonLocation> locations, List<Violation> unknownFields) {
    }

    static Result scan(JsonParser parser) throws IOException {
        List<Violation> problems = new ArrayList<>();
        List<Violation> unknownFields = new ArrayList<>();
        Map<String, JsonLocation> locations = new HashMap<>();
        int depth = 0;
        int textProblems = 0;
        int roots = 0;
        // The schema of each open mapping or list, and of the value about to be read.
        Deque<FieldSchema> open = new ArrayDeque<>();
        FieldSchema next = FieldSchema.root();
        for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
            if (depth == 0 && token != JsonToken.END_ARRAY && token != JsonToken.END_OBJECT && ++roots > 1) {
                problems.add(at(parser, "there is more after the workflow's end; send one document"));
                return new Result(problems, locations, unknownFields);
            }
            if (parser instanceof YAMLParser yaml && (yaml.isCurrentAlias() || yaml.getCurrentAnchor() != null)) {
                String shown = yaml.isCurrentAlias() ? "*" + yaml.getText() : "&" + yaml.getCurrentAnchor();
                problems.add(at(parser, "YAML anchors, aliases and merge keys ('" + shown + "') are not supported: "
                        + "write the value out in full, or use the workflow's defaults and env for what tasks share"));
                return new Result(problems, locations, unknownFields);
            }
            remember(parser, token, locations);
            switch (token) {
                case START_OBJECT, START_ARRAY -> {
                    open.push(next);
                    next = token == JsonToken.START_ARRAY ? next.child(null) : FieldSchema.Opaque.INSTANCE;
                    if (++depth > MAX_DEPTH) {
                        problems.add(at(parser, "the document nests deeper than " + MAX_DEPTH + " levels; a workflow needs far fewer"));
                        return new Result(problems, locations, unknownFields);
                    }
                }
                case END_OBJECT, END_ARRAY -> {
                    depth--;
                    open.pop();
                    next = elementOf(open);
                }
                case FIELD_NAME -> {
                    String name = parser.getText();
                    String problem = Texts.problem(name, true);
                    if (problem != null) {
                        if (textProblems++ < MAX_TEXT_PROBLEMS) {
                            problems.add(at(parser, "the field name " + problem));
                        }
                        next = FieldSchema.Opaque.INSTANCE;
                    } else if (open.peek() instanceof FieldSchema.Fields fields && !fields.fields().containsKey(name)) {
                        List<String> known = FieldSchema.known(fields);
                        unknownFields.add(Violation.at(ReadProblems.path(parser.getParsingContext()), parser.currentTokenLocation(),
                                "unknown field " + Texts.quote(name) + Suggestions.didYouMean(name, known)
                                        + " (known fields here: " + String.join(", ", known) + ")"));
                        next = FieldSchema.Opaque.INSTANCE;
                    } else {
                        next = open.isEmpty() ? FieldSchema.Opaque.INSTANCE : open.peek().child(name);
                    }
                }
                case VALUE_STRING -> {
                    String problem = Texts.problem(parser.getText(), true);
                    if (problem != null && textProblems++ < MAX_TEXT_PROBLEMS) {
                        problems.add(at(parser, "the text " + problem));
                    }
                    next = elementOf(open);
                }
                default -> next = elementOf(open);
            }
        }
        return new Result(problems, locations, unknownFields);
    }

    /** After a value inside a list, the next value is another element; inside a mapping, a field name comes first. */
    private static FieldSchema elementOf(Deque<FieldSchema> open) {
        FieldSchema holder = open.peek();
        return holder instanceof FieldSchema.Elements elements ? elements.element() : FieldSchema.Opaque.INSTANCE;
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
        return Violation.at(path, parser.currentTokenLocation(), message);
    }
}
