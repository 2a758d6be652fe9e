import dev.spool.scheduler.workflow.WorkflowIntake;
import dev.spool.scheduler.workflow.WorkflowParser;
import dev.spool.scheduler.workflow.WorkflowValidationException;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * What checking a submission costs, for documents near the 1 MiB limit that are built to be expensive. Each is read
 * exactly as POST /api/v1/runs reads it (WorkflowIntake); prints the median of several reads.
 */
public class ValidationBench {

    public static void main(String[] args) {
        WorkflowIntake intake = new WorkflowIntake(10_000);
        List<Case> cases = List.of(
                new Case("30,000 unknown depends_on", () -> "name: wide\ntasks:\n  - {id: a, command: [true], depends_on: ["
                        + IntStream.range(0, 30_000).mapToObj(i -> "t" + i).collect(Collectors.joining(", ")) + "]}\n"),
                new Case("1 MiB of depends_on (150,000, all known)", () -> {
                    StringBuilder yaml = new StringBuilder("name: wide\ntasks:\n");
                    for (int i = 0; i < 1000; i++) {
                        yaml.append("  - {id: t").append(i).append(", command: [true]}\n");
                    }
                    yaml.append("  - {id: sink, command: [true], depends_on: [");
                    for (int i = 0; yaml.length() < 1_000_000; i++) {
                        yaml.append(i == 0 ? "" : ", ").append('t').append(i % 1000);
                    }
                    return yaml.append("]}\n").toString();
                }),
                new Case("10,000 tasks in a chain", () -> "name: chain\ntasks:\n" + IntStream.range(0, 10_000)
                        .mapToObj(i -> "  - {id: t" + i + ", command: [true]" + (i == 0 ? "" : ", depends_on: [t" + (i - 1) + "]") + "}\n")
                        .collect(Collectors.joining())),
                new Case("5,000-deep nesting", () -> "name: x\ntasks: " + "[".repeat(5_000) + "]".repeat(5_000) + "\n"),
                new Case("a 5,000-term condition", () -> "name: x\ntasks:\n  - {id: a, command: [true]}\n  - {id: b, command: [true], depends_on: [a], when: '"
                        + IntStream.range(0, 5_000).mapToObj(i -> "a.succeeded").collect(Collectors.joining(" && ")) + "'}\n"),
                new Case("3,000 tasks with 5 wrong fields each", () -> "name: broken\ntasks:\n" + IntStream.range(0, 3_000)
                        .mapToObj(i -> "  - {id: t" + i + ", command: 5, timeout: soon, priority: urgent, retry: {max_attempts: x}, oops: 1}\n")
                        .collect(Collectors.joining())));
        for (Case benchCase : cases) {
            String document = benchCase.document().get();
            for (int warm = 0; warm < 3; warm++) {
                read(intake, document);
            }
            long[] times = new long[7];
            String outcome = "";
            for (int i = 0; i < times.length; i++) {
                long started = System.nanoTime();
                outcome = read(intake, document);
                times[i] = System.nanoTime() - started;
            }
            java.util.Arrays.sort(times);
            System.out.printf("%-42s %8d bytes  median %7.1f ms  (%s)%n", benchCase.name(), document.length(), times[3] / 1e6, outcome);
        }
    }

    private static String read(WorkflowIntake intake, String document) {
        try {
            return intake.read(document, WorkflowParser.Format.YAML).tasks().size() + " tasks accepted";
        } catch (WorkflowValidationException e) {
            return e.all().size() + " problems, " + e.violations().size() + " reported";
        }
    }

    record Case(String name, Supplier<String> document) {
    }
}
