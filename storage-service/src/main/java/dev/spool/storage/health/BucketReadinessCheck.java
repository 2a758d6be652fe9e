package dev.spool.storage.health;

import dev.spool.storage.service.OutputStore;
import dev.spool.storage.service.StorageUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

@Readiness
@ApplicationScoped
public class BucketReadinessCheck implements HealthCheck {

    private final OutputStore store;

    public BucketReadinessCheck(OutputStore store) {
        this.store = store;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("object-storage").withData("bucket", store.bucket());
        try {
            if (store.bucketExists()) {
                return response.up().build();
            }
            store.ensureBucket();
            return response.up().build();
        } catch (StorageUnavailableException e) {
            return response.down().withData("error", e.getMessage()).build();
        }
    }
}
