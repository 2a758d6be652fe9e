package dev.spool.storage.service;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Creates the bucket on start and sets its lifecycle rule. Object storage that is not up yet does not stop the
 * service: the readiness check stays down, the bucket is created when it answers, and the sweeper sets the rule.
 */
@ApplicationScoped
public class BucketInitializer {

    private static final Logger LOG = Logger.getLogger(BucketInitializer.class);

    void onStart(@Observes StartupEvent event, OutputStore store, BucketLifecycle lifecycle) {
        try {
            store.ensureBucket();
            LOG.infof("bucket %s is ready", store.bucket());
            lifecycle.apply();
        } catch (StorageUnavailableException e) {
            LOG.warnf("bucket %s is not ready yet: %s", store.bucket(), e.getMessage());
        }
    }
}
