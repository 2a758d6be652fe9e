package dev.spool.storage.config;

import io.minio.MinioClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

public class MinioClientProducer {

    @Produces
    @ApplicationScoped
    MinioClient minioClient(StorageConfig config) {
        return MinioClient.builder()
                .endpoint(config.endpoint())
                .credentials(config.accessKey(), config.secretKey())
                .region(config.region())
                .build();
    }
}
