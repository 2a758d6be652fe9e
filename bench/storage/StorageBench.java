import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spool.contracts.blocked.BlockIndex;
import dev.spool.contracts.blocked.BlockedOutputStream;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;

import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The storage tier's benchmarks against the local stack's storage-service and its S3 server:
 *
 *   transfer SIZE ROUNDS   a file of SIZE bytes uploaded and downloaded through the storage-service, and the same
 *                          transfer made straight with the MinIO SDK; medians of ROUNDS
 *   tail SIZE REQUESTS     an output of SIZE bytes of log lines stored in blocks (as the worker stores it), then its
 *                          last 100 lines read REQUESTS times: time, and bytes fetched from the bucket per read
 */
public class StorageBench {

    static final String STORAGE = "http://localhost:8083";
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /**
     * The transfers through the service are made with OkHttp, the HTTP client the MinIO SDK itself uses, with the SDK's
     * own timeouts: the two arms differ by the service's hop, not by the client.
     */
    static final okhttp3.OkHttpClient OKHTTP = new okhttp3.OkHttpClient.Builder().connectTimeout(java.time.Duration.ofMinutes(5))
            .readTimeout(java.time.Duration.ofMinutes(5)).writeTimeout(java.time.Duration.ofMinutes(5)).build();
    static final MinioClient MINIO = MinioClient.builder().endpoint("http://127.0.0.1:19000")
            .credentials("spool", "spool-local-secret").region("us-east-1").build();
    static final String BUCKET = "spool-outputs";

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "transfer" -> transfer(Long.parseLong(args[1]), Integer.parseInt(args[2]), Path.of(args[3]));
            case "tail" -> tail(Long.parseLong(args[1]), Integer.parseInt(args[2]), Path.of(args[3]));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static void transfer(long size, int rounds, Path work) throws Exception {
        Path file = work.resolve("transfer-" + size + ".bin");
        if (!Files.exists(file) || Files.size(file) != size) {
            Random random = new Random(1);
            byte[] chunk = new byte[1 << 20];
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
                for (long written = 0; written < size; written += chunk.length) {
                    random.nextBytes(chunk);
                    out.write(chunk, 0, (int) Math.min(chunk.length, size - written));
                }
            }
        }
        List<Double> serviceUp = new ArrayList<>(), directUp = new ArrayList<>(), serviceDown = new ArrayList<>(), directDown = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            long start = System.nanoTime();
            try (okhttp3.Response put = OKHTTP.newCall(new okhttp3.Request.Builder().url(STORAGE + "/api/v1/objects/bench/transfer/service.bin").header(StackCredentials.INTERNAL_HEADER, StackCredentials.internalToken())
                    .put(okhttp3.RequestBody.create(file.toFile(), okhttp3.MediaType.get("application/octet-stream"))).build()).execute()) {
                if (put.code() != 200) {
                    throw new IllegalStateException("upload answered " + put.code() + ": " + put.body().string());
                }
            }
            serviceUp.add((System.nanoTime() - start) / 1e9);

            start = System.nanoTime();
            try (InputStream in = Files.newInputStream(file)) {
                MINIO.putObject(PutObjectArgs.builder().bucket(BUCKET).object("bench/transfer/direct.bin").stream(in, size, -1)
                        .contentType("application/octet-stream").build());
            }
            directUp.add((System.nanoTime() - start) / 1e9);

            start = System.nanoTime();
            long got;
            try (okhttp3.Response get = OKHTTP.newCall(new okhttp3.Request.Builder().url(STORAGE + "/api/v1/objects/bench/transfer/service.bin").header(StackCredentials.INTERNAL_HEADER, StackCredentials.internalToken()).build()).execute();
                 InputStream in = get.body().byteStream()) {
                got = in.transferTo(OutputStream.nullOutputStream());
            }
            check(got, size);
            serviceDown.add((System.nanoTime() - start) / 1e9);

            start = System.nanoTime();
            try (InputStream in = MINIO.getObject(GetObjectArgs.builder().bucket(BUCKET).object("bench/transfer/direct.bin").build())) {
                got = in.transferTo(OutputStream.nullOutputStream());
            }
            check(got, size);
            directDown.add((System.nanoTime() - start) / 1e9);
            System.out.printf("transfer round %d: upload service %.2f s, direct %.2f s; download service %.2f s, direct %.2f s%n", round + 1,
                    serviceUp.getLast(), directUp.getLast(), serviceDown.getLast(), directDown.getLast());
        }
        double su = median(serviceUp), du = median(directUp), sd = median(serviceDown), dd = median(directDown);
        System.out.printf("transfer: %,d bytes, medians of %d: upload %.2f s through the service, %.2f s direct (%.2fx); "
                + "download %.2f s, %.2f s (%.2fx)%n", size, rounds, su, du, su / du, sd, dd, sd / dd);
        for (String key : List.of("bench/transfer/service.bin", "bench/transfer/direct.bin")) {
            MINIO.removeObject(RemoveObjectArgs.builder().bucket(BUCKET).object(key).build());
        }
    }

    static void tail(long size, int requests, Path work) throws Exception {
        Path file = work.resolve("tail-" + size + ".gz");
        String key = "bench/tail/" + size + "/stdout.gz";
        BlockIndex index;
        long start = System.nanoTime();
        try (BlockedOutputStream out = new BlockedOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16), true, 1,
                BlockIndex.DEFAULT_BLOCK_BYTES)) {
            StringBuilder line = new StringBuilder();
            Random random = new Random(3);
            for (long written = 0, n = 0; written < size; n++) {
                line.setLength(0);
                line.append("2026-12-01T12:00:00.000Z INFO  worker-").append(n % 16).append(" step ").append(n)
                        .append(" took ").append(random.nextInt(5000)).append(" ms, queue ").append(random.nextInt(100)).append('\n');
                byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
                out.write(bytes);
                written += bytes.length;
            }
            out.close();
            index = out.index();
        }
        System.out.printf("tail: wrote %,d bytes of log lines as %,d bytes in %,d blocks in %.0f s%n", index.originalBytes(), Files.size(file),
                index.blocks().size(), (System.nanoTime() - start) / 1e9);
        byte[] indexJson = new ObjectMapper().writeValueAsBytes(index);
        send(HttpRequest.newBuilder(URI.create(STORAGE + "/api/v1/objects/" + key + ".index")).header(StackCredentials.INTERNAL_HEADER, StackCredentials.internalToken()).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(indexJson)).build(), 204);
        start = System.nanoTime();
        send(HttpRequest.newBuilder(URI.create(STORAGE + "/api/v1/objects/" + key)).header(StackCredentials.INTERNAL_HEADER, StackCredentials.internalToken()).header("Content-Type", "application/gzip")
                .PUT(HttpRequest.BodyPublishers.ofFile(file)).build(), 200);
        System.out.printf("tail: uploaded in %.0f s; index %,d bytes%n", (System.nanoTime() - start) / 1e9, indexJson.length);

        List<Double> millis = new ArrayList<>();
        long bytesBefore = rangedBytes();
        String last = null;
        for (int i = 0; i < requests; i++) {
            start = System.nanoTime();
            HttpResponse<String> tail = HTTP.send(HttpRequest.newBuilder(URI.create(STORAGE + "/api/v1/objects/" + key
                    + "?decompress=true&tail_lines=100")).header(StackCredentials.INTERNAL_HEADER, StackCredentials.internalToken()).build(), HttpResponse.BodyHandlers.ofString());
            millis.add((System.nanoTime() - start) / 1e6);
            last = tail.body();
        }
        long fetched = (rangedBytes() - bytesBefore) / requests;
        Collections.sort(millis);
        System.out.printf("tail: last 100 lines of %,d bytes, %d reads: p50 %.1f ms, max %.1f ms; %,d bytes fetched from the bucket a read "
                        + "(the object is %,d); %d lines back%n", index.originalBytes(), requests, millis.get(millis.size() / 2), millis.getLast(),
                fetched, Files.size(file), last.lines().count());
        MINIO.removeObject(RemoveObjectArgs.builder().bucket(BUCKET).object(key).build());
        MINIO.removeObject(RemoveObjectArgs.builder().bucket(BUCKET).object(key + ".index").build());
        Files.delete(file);
    }

    static long rangedBytes() throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(STORAGE + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body()
                .lines().filter(line -> line.startsWith("spool_storage_ranged_read_bytes_total"))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    static void send(HttpRequest request, int expected) throws Exception {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    static void check(long got, long size) {
        if (got != size) {
            throw new IllegalStateException("downloaded " + got + " bytes of " + size);
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
