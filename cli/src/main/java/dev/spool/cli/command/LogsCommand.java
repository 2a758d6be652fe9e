package dev.spool.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.cli.CliException;
import dev.spool.cli.ExitCode;
import dev.spool.cli.client.Gateway;
import dev.spool.cli.render.ProgressBar;
import dev.spool.cli.render.StatusKind;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "logs", description = "A task's output: the kept text by default; live with --follow; the first or last lines or all of the original from the stored copy.")
public final class LogsCommand implements Callable<Integer> {

    public enum Stream { stdout, stderr }

    @Parameters(index = "0", paramLabel = "RUN", description = "The run's id.")
    String runId;

    @Parameters(index = "1", paramLabel = "TASK", description = "The task's id.")
    String taskId;

    @Option(names = {"-s", "--stream"}, paramLabel = "STREAM", description = "stdout (default) or stderr.")
    Stream stream = Stream.stdout;

    @Option(names = {"-f", "--follow"}, description = "The current attempt's output as it is printed, until it ends (with --tail N: from its last N lines).")
    boolean follow;

    @ArgGroup(exclusive = true)
    Selection selection = new Selection();

    static final class Selection {
        @Option(names = "--tail", paramLabel = "N", description = "The last N lines of the original output (from the stored copy: instant whatever its size).")
        Integer tail;

        @Option(names = "--head", paramLabel = "N", description = "The first N lines of the original output.")
        Integer head;

        @Option(names = "--full", description = "The whole original output, streamed as it is decompressed.")
        boolean full;
    }

    @Option(names = "--attempt", paramLabel = "N", description = "An earlier attempt's output (default: the current one).")
    Integer attempt;

    private static final Set<String> MISSING_RUN_OR_TASK = Set.of("run_not_found", "task_not_found", "invalid_request");

    private final Session session;

    LogsCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws IOException {
        check();
        String task = RunIds.task(runId, taskId);
        Integer tail = selection.tail;
        if (follow) {
            return copy(Gateway.path(task + "/output", Gateway.query("stream", stream, "follow", true, "tail_lines", tail)), true, -1);
        }
        if (selection.full) {
            return copy(Gateway.path(task + "/output/full", Gateway.query("stream", stream, "attempt", attempt)), false, originalBytes());
        }
        if (tail != null || selection.head != null) {
            String lines = tail != null ? "tail_lines" : "head_lines";
            int count = tail != null ? tail : selection.head;
            try {
                return copy(Gateway.path(task + "/output/full", Gateway.query("stream", stream, "attempt", attempt, lines, count)), false, -1);
            } catch (CliException e) {
                if (e.exitCode() != ExitCode.NOT_FOUND || MISSING_RUN_OR_TASK.contains(e.code()) || e.code().equals("output_pruned")) {
                    throw noOutputYet(e);
                }
                // No full copy: nothing was stored because the output stayed under its threshold. Its kept text is what there is.
                session.hint("no stored copy of this output (" + e.getMessage() + "); these are the lines of its kept text");
                return keptLines(task, count, tail != null);
            }
        }
        return copy(Gateway.path(task + "/output", Gateway.query("stream", stream, "attempt", attempt)), false, -1);
    }

    private void check() {
        if (follow && (selection.head != null || selection.full)) {
            throw CliException.invalidInput("--follow reads the output as it is printed; it goes with --tail N, not with --head or --full");
        }
        if (follow && attempt != null) {
            throw CliException.invalidInput("--follow follows the current attempt; leave --attempt out, or read an earlier attempt without --follow");
        }
        Integer lines = selection.tail != null ? selection.tail : selection.head;
        if (lines != null && (lines < (follow ? 0 : 1) || lines > 10_000_000)) {
            throw CliException.invalidInput("--" + (selection.tail != null ? "tail" : "head") + " " + lines + " is out of range; give "
                    + (follow ? 0 : 1) + " to 10000000 lines");
        }
        if (attempt != null && attempt < 1) {
            throw CliException.invalidInput("--attempt " + attempt + " is out of range; attempts count from 1");
        }
    }

    private int copy(String path, boolean live, long total) throws IOException {
        InputStream body;
        try {
            body = session.gateway().stream(path, Map.of(), live);
        } catch (CliException e) {
            throw noOutputYet(e);
        }
        PrintStream out = session.out();
        try (InputStream in = body;
             ProgressBar bar = new ProgressBar(session.err(), session.terminal().stderrTty() && !session.terminal().stdoutTty() && !live,
                     "downloading", total)) {
            byte[] buffer = new byte[64 * 1024];
            long done = 0;
            for (int read; (read = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, read);
                if (live) {
                    out.flush();
                }
                done += read;
                bar.bytes(done);
                if (out.checkError()) {
                    // The reader went away (| head): stop downloading.
                    return ExitCode.OK;
                }
            }
        } catch (IOException e) {
            throw new CliException(ExitCode.UNREACHABLE, "gateway_unreachable", "the output stream from " + session.gateway().target().gateway()
                    + " broke off (" + e.getMessage() + "); run the command again");
        }
        out.flush();
        return ExitCode.OK;
    }

    private int keptLines(String task, int count, boolean last) throws IOException {
        try (InputStream in = session.gateway().stream(Gateway.path(task + "/output", Gateway.query("stream", stream, "attempt", attempt)), Map.of(), false)) {
            String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            java.util.List<String> lines = text.lines().toList();
            java.util.List<String> chosen = last ? lines.subList(Math.max(0, lines.size() - count), lines.size()) : lines.subList(0, Math.min(count, lines.size()));
            chosen.forEach(session.out()::println);
        }
        session.out().flush();
        return ExitCode.OK;
    }

    /** What the full size is, for the download's progress bar; unknown (-1) for an earlier attempt. */
    private long originalBytes() {
        if (attempt != null || !session.terminal().stderrTty()) {
            return -1;
        }
        try {
            for (JsonNode task : session.gateway().get(RunIds.run(runId)).path("tasks")) {
                if (task.path("id").asText().equals(taskId)) {
                    return task.path("outputs").path(stream.name()).path("original_bytes").asLong(-1);
                }
            }
        } catch (CliException e) {
            // The download itself will say what is wrong.
        }
        return -1;
    }

    /** A 404 for a task that exists but has not printed yet, said as such; anything else as the gateway said it. */
    private CliException noOutputYet(CliException e) {
        if (e.exitCode() != ExitCode.NOT_FOUND || MISSING_RUN_OR_TASK.contains(e.code())) {
            return e;
        }
        JsonNode run;
        try {
            run = session.gateway().get(RunIds.run(runId));
        } catch (CliException lookup) {
            return lookup;
        }
        for (JsonNode task : run.path("tasks")) {
            if (task.path("id").asText().equals(taskId)) {
                String status = task.path("status").asText();
                if (!StatusKind.ended(status)) {
                    return new CliException(ExitCode.NOT_FOUND, "no_output_yet", "task " + taskId + " of run " + runId + " has no output yet: it is "
                            + status + ". Read it as it prints: spool logs " + runId + " " + taskId + " --follow");
                }
            }
        }
        return e;
    }
}
