package dev.spool.worker.service;

import dev.spool.contracts.TaskDispatch;
import dev.spool.worker.config.WorkerConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.Semaphore;

/**
 * The heap that attempts' kept text may take, shared by the worker's slots. Kept text lives in memory while its
 * attempt runs and is rendered, a few copies of it at once; so an attempt reserves its budget, times the copies,
 * before it starts, and waits while others hold the memory. A budget larger than the whole pool is lowered to fit it,
 * and the attempt's result says so. A large budget therefore slows only the attempts that share its worker's memory
 * and never brings the worker down.
 */
@ApplicationScoped
public class KeptMemory {

    /** The ring buffer, the decoded text, and its rendering, held at once at the end of an attempt. */
    static final int HELD_COPIES = 4;

    private final long poolBytes;
    private final Semaphore kibibytes;

    public KeptMemory(WorkerConfig config, MeterRegistry metrics) {
        this.poolBytes = config.keptMemory().map(MemorySize::asLongValue).orElse(Runtime.getRuntime().maxMemory() * 2 / 5);
        this.kibibytes = new Semaphore((int) Math.min(Integer.MAX_VALUE, poolBytes >> 10), true);
        Gauge.builder("spool.worker.kept.memory.free.bytes", kibibytes, free -> free.availablePermits() * 1024.0)
                .description("heap left for the kept text of attempts that start now").register(metrics);
    }

    /** An attempt's reservation, with its limits as granted and, when they were lowered, why. */
    public record Lease(TaskDispatch task, String warning, int kibibytes) {
    }

    /** Waits until the attempt's kept text fits beside the others'; called before the attempt starts. */
    public Lease reserve(TaskDispatch task) throws InterruptedException {
        long fit = poolBytes / HELD_COPIES;
        TaskDispatch granted = task;
        String warning = null;
        if (task.limits().keptBudget() > fit) {
            granted = task.withLimits(task.limits().keepingAtMost(fit));
            warning = "its output budget (" + task.limits().keptBudget() + " bytes kept) was lowered to " + fit + " bytes by the "
                    + "worker that ran it: kept text is held in memory, and this worker has room for that much (spool.worker.kept-memory); "
                    + "the full output is stored as usual";
        }
        int need = (int) Math.max(1, Math.min(poolBytes, granted.limits().keptBudget() * HELD_COPIES) >> 10);
        kibibytes.acquire(need);
        return new Lease(granted, warning, need);
    }

    public void release(Lease lease) {
        kibibytes.release(lease.kibibytes());
    }
}
