package dev.spool.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.cli.ExitCode;
import dev.spool.cli.client.Gateway;
import dev.spool.cli.render.Units;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "storage", description = "What the stored full copies take in the bucket, of every run or of one (the seed's --show-external-storage).")
public final class StorageCommand implements Callable<Integer> {

    @Option(names = "--run", paramLabel = "RUN", description = "Only this run's objects.")
    String runId;

    private final Session session;

    StorageCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        JsonNode usage = session.gateway().get(Gateway.path("/api/v1/storage/usage", Gateway.query("run", runId)));
        if (session.json()) {
            session.printJson(usage);
            return ExitCode.OK;
        }
        var out = session.out();
        out.println(session.style().bold(runId == null ? "stored outputs of every run" : "stored outputs of run " + runId));
        out.printf("  objects            %d%n", usage.path("objects").asLong());
        out.printf("  stored (gzipped)   %s%n", Units.bytes(usage.path("stored_bytes").asLong()));
        out.printf("  original           %s%n", Units.bytes(usage.path("original_bytes").asLong()));
        out.printf(Locale.ROOT, "  compression        %.1fx%n", usage.path("compression_ratio").asDouble());
        JsonNode bucket = usage.path("bucket");
        if (bucket.isObject()) {
            out.printf("  bucket             %s, retention %s, lifecycle rule %s%n", bucket.path("name").asText(),
                    bucket.path("retention_days").asLong() == 0 ? "none" : bucket.path("retention_days").asLong() + " days",
                    bucket.path("lifecycle_supported").isNull() ? "unknown" : bucket.path("lifecycle_supported").asBoolean() ? "set" : "not supported");
            JsonNode sweep = bucket.path("last_sweep");
            if (sweep.isObject()) {
                out.printf("  last sweep         %s: %d objects scanned, %d expired, %d orphaned, %d failed%s%n",
                        sweep.path("finished_at").asText("?"), sweep.path("scanned").asLong(), sweep.path("expired").asLong(),
                        sweep.path("orphaned").asLong(), sweep.path("failed").asLong(), sweep.path("dry_run").asBoolean() ? " (dry run)" : "");
            }
        } else {
            out.println("  bucket             (the storage-service did not answer)");
        }
        return ExitCode.OK;
    }
}
