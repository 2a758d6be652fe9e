package dev.spool.storage.service;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Creates the bucket on start. Object storage that is not up yet does not stop the service: the readiness
 * check stays down and the bucket is created on the first store.
 */
@ApplicationScoped
public class BucketInitializer {

    private static final Logger LOG = Logger.getLogger(BucketInitializer.class);

    void onStart(@Observes StartupEvent event, OutputStore store) {
        try {
            store.ensureBucket();
            LOG.infof("bucket %s is ready", store.bucket());
        } catch (StorageUnavailableException e) {
            LOG.warnf("bucket %s is not ready yet: %s", store.bucket(), e.getMessage());
        }
    }
}
