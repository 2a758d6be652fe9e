package dev.spool.storage.service;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;

/**
 * Uploads and downloads as histograms, for Grafana's percentiles: how long each took, how many bytes it moved, and
 * at what rate; and each upload's compression ratio.
 */
@ApplicationScoped
public class TransferMetrics {

    private final MeterRegistry registry;
    private final Timer uploadTime;
    private final DistributionSummary uploadBytes;
    private final DistributionSummary uploadRate;
    private final DistributionSummary compression;

    public TransferMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.uploadTime = Timer.builder("spool.storage.upload.duration").description("time to store one object, from its first byte to the bucket's answer")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(30)).register(registry);
        this.uploadBytes = bytes("spool.storage.upload.size", "bytes of one stored object");
        this.uploadRate = rate("spool.storage.upload.throughput", "bytes per second of one upload");
        this.compression = DistributionSummary.builder("spool.storage.compression.ratio")
                .description("original bytes to stored bytes, per gzipped object").publishPercentileHistogram()
                .minimumExpectedValue(1.0).maximumExpectedValue(100.0).register(registry);
        // Both kinds from the start, so that the dashboards' download panels have series before the first download.
        downloadMeters("stored");
        downloadMeters("text");
    }

    private DistributionSummary bytes(String name, String description) {
        return DistributionSummary.builder(name).description(description).baseUnit("bytes").publishPercentileHistogram()
                .minimumExpectedValue(1.0).maximumExpectedValue(64.0 * (1L << 30)).register(registry);
    }

    private DistributionSummary rate(String name, String description) {
        return DistributionSummary.builder(name).description(description).baseUnit("bytes/s").publishPercentileHistogram()
                .minimumExpectedValue(1024.0).maximumExpectedValue(10.0 * (1L << 30)).register(registry);
    }

    public void uploaded(long bytes, long nanos, Long originalBytes) {
        uploadTime.record(Duration.ofNanos(nanos));
        uploadBytes.record(bytes);
        if (nanos > 0) {
            uploadRate.record(bytes * 1e9 / nanos);
        }
        if (originalBytes != null && bytes > 0) {
            compression.record((double) originalBytes / bytes);
        }
    }

    /** The meters of one kind of download, looked up once rather than on every download. */
    private record DownloadMeters(Timer time, DistributionSummary size, DistributionSummary rate) {
    }

    private final java.util.Map<String, DownloadMeters> downloads = new java.util.concurrent.ConcurrentHashMap<>();

    private DownloadMeters downloadMeters(String kind) {
        return downloads.computeIfAbsent(kind, k -> new DownloadMeters(
                Timer.builder("spool.storage.download.duration").tag("kind", k).description("time to send one download")
                        .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(30))
                        .register(registry),
                DistributionSummary.builder("spool.storage.download.size").tag("kind", k).baseUnit("bytes").publishPercentileHistogram()
                        .minimumExpectedValue(1.0).maximumExpectedValue(64.0 * (1L << 30)).register(registry),
                DistributionSummary.builder("spool.storage.download.throughput").tag("kind", k).baseUnit("bytes/s").publishPercentileHistogram()
                        .minimumExpectedValue(1024.0).maximumExpectedValue(10.0 * (1L << 30)).register(registry)));
    }

    /**
     * Records one download.
     *
     * @param kind {@code stored} for the object as it is in the bucket, {@code text} for its original text or a part of it
     */
    public void downloaded(String kind, long bytes, long nanos) {
        DownloadMeters meters = downloadMeters(kind);
        meters.time().record(Duration.ofNanos(nanos));
        meters.size().record(bytes);
        if (nanos > 0) {
            meters.rate().record(bytes * 1e9 / nanos);
        }
    }

    /** The response stream of a download, which records it when closed; {@code kind} as in {@link #downloaded}. */
    public OutputStream download(OutputStream out, String kind) {
        long started = System.nanoTime();
        return new FilterOutputStream(out) {
            private long written;
            private boolean recorded;

            @Override
            public void write(int b) throws IOException {
                out.write(b);
                written++;
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
                written += length;
            }

            @Override
            public void close() throws IOException {
                if (!recorded) {
                    recorded = true;
                    downloaded(kind, written, System.nanoTime() - started);
                }
                super.close();
            }
        };
    }
}
