package dev.spool.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.cli.CliException;
import dev.spool.cli.ExitCode;
import dev.spool.cli.render.Style;
import dev.spool.cli.workflow.WorkflowFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "validate", description = "Check a workflow as a submission would, without running it: its problems with their paths and lines, and each task's effective limits.")
public final class ValidateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "The workflow, YAML or JSON.")
    Path file;

    @Option(names = "--set", paramLabel = "PATH=VALUE", description = "Set a field first, as submit does (repeatable).")
    List<String> overrides = new ArrayList<>();

    private final Session session;

    ValidateCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        WorkflowFile workflow = WorkflowFile.read(file, overrides);
        JsonNode report;
        try {
            report = session.gateway().post("/api/v1/workflows/validate", workflow.body(), workflow.contentType());
        } catch (CliException e) {
            throw WorkflowErrors.inFile(e, workflow);
        }
        if (session.json()) {
            session.printJson(report);
            return ExitCode.OK;
        }
        Style style = session.style();
        session.out().println(style.green("valid: ") + file + " (workflow " + report.path("name").asText() + ", "
                + report.path("tasks").asInt() + " tasks)");
        report.path("warnings").forEach(warning -> session.out().println(style.yellow("warning: ") + warning.asText()));
        if (report.hasNonNull("cleanup_strategy")) {
            session.out().println("cleanup: " + flatten(report.path("cleanup_strategy")));
        }
        session.out().println();
        session.out().println(style.bold("effective limits (defaults applied)"));
        for (Iterator<Map.Entry<String, JsonNode>> tasks = report.path("limits").fields(); tasks.hasNext(); ) {
            Map.Entry<String, JsonNode> task = tasks.next();
            session.out().println(style.bold(task.getKey()));
            for (Iterator<Map.Entry<String, JsonNode>> parts = task.getValue().fields(); parts.hasNext(); ) {
                Map.Entry<String, JsonNode> part = parts.next();
                session.out().println("  " + part.getKey() + ": " + flatten(part.getValue()));
            }
        }
        return ExitCode.OK;
    }

    /** An object as {@code key=value} pairs on one line, nested objects in braces; nulls left out. */
    static String flatten(JsonNode node) {
        if (!node.isObject()) {
            return node.isTextual() ? node.asText() : node.toString();
        }
        List<String> parts = new ArrayList<>();
        node.fields().forEachRemaining(field -> {
            if (!field.getValue().isNull()) {
                parts.add(field.getKey() + "=" + (field.getValue().isObject() ? "{" + flatten(field.getValue()) + "}" : flatten(field.getValue())));
            }
        });
        return String.join(" ", parts);
    }
}
