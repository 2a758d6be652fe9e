package dev.spool.storage.config;

import io.minio.MinioClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

public class MinioClientProducer {

    @Produces
    @ApplicationScoped
    MinioClient minioClient(StorageConfig config) {
        MinioClient client = MinioClient.builder()
                .endpoint(config.endpoint())
                .credentials(config.accessKey(), config.secretKey())
                .region(config.region())
                .build();
        // The SDK's defaults wait minutes for a server that does not answer; an upload must fail fast so that its
        // writer retries or keeps its text, and a request thread is not held.
        long io = config.ioTimeout().toMillis();
        client.setTimeout(config.connectTimeout().toMillis(), io, io);
        return client;
    }
}
