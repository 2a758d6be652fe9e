package dev.spool.storage.rest;

import dev.spool.contracts.storage.StorageUsage;
import dev.spool.contracts.storage.SweepReport;
import dev.spool.storage.config.StorageConfig;
import dev.spool.storage.service.BucketLifecycle;
import dev.spool.storage.sweep.BucketSweeper;
import dev.spool.support.rest.RequestParams;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The bucket as a whole: its lifecycle, and the sweeper's passes. */
@Path("/api/v1/storage")
@Produces(MediaType.APPLICATION_JSON)
public class BucketResource {

    private final BucketSweeper sweeper;
    private final BucketLifecycle lifecycle;
    private final StorageConfig config;

    public BucketResource(BucketSweeper sweeper, BucketLifecycle lifecycle, StorageConfig config) {
        this.sweeper = sweeper;
        this.lifecycle = lifecycle;
        this.config = config;
    }

    @GET
    @Path("/bucket")
    public StorageUsage.Bucket bucket() {
        return new StorageUsage.Bucket(config.bucket(), lifecycle.supported(), config.retentionDays(), sweeper.last());
    }

    /** Runs a pass now and answers what it did; {@code dry_run=true} deletes nothing and says what it would. */
    @POST
    @Path("/sweeps")
    public SweepReport sweep(@QueryParam("dry_run") String dryRun) {
        return sweeper.sweep(RequestParams.flag("dry_run", dryRun));
    }

    @GET
    @Path("/sweeps/last")
    public SweepReport lastSweep() {
        SweepReport last = sweeper.last();
        if (last == null) {
            throw new NotFoundException("the sweeper has not finished a pass since this storage-service started; run one with "
                    + "POST /api/v1/storage/sweeps (dry_run=true to delete nothing)");
        }
        return last;
    }
}
