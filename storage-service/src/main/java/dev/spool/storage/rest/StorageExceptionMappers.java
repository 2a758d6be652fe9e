package dev.spool.storage.rest;

import dev.spool.support.rest.ApiError;
import dev.spool.storage.service.ObjectNotFoundException;
import dev.spool.storage.service.StorageUnavailableException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;


public class StorageExceptionMappers {

    @ServerExceptionMapper
    public Response notFound(ObjectNotFoundException e) {
        return error(Response.Status.NOT_FOUND, "object_not_found", e.getMessage());
    }

    @ServerExceptionMapper
    public Response damaged(dev.spool.storage.service.ChecksumMismatchException e) {
        return Response.status(422).type(MediaType.APPLICATION_JSON_TYPE).entity(ApiError.of("checksum_mismatch", e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response unavailable(StorageUnavailableException e) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE).type(MediaType.APPLICATION_JSON_TYPE).header("Retry-After", "5")
                .entity(ApiError.of("storage_unavailable", e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response bucketAway(org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException e) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE).type(MediaType.APPLICATION_JSON_TYPE).header("Retry-After", "5")
                .entity(ApiError.of("storage_unavailable", "object storage failed most of the last uploads, so uploads are refused "
                        + "for a few seconds without trying it; send again after Retry-After. GET /q/health/ready says why it is away"))
                .build();
    }

    @ServerExceptionMapper
    public Response interrupted(dev.spool.storage.service.UploadInterruptedException e) {
        return error(Response.Status.BAD_REQUEST, "upload_interrupted", e.getMessage());
    }

    /** The bucket handed back bytes that fail their CRC: an upstream fault, said as one, never passed on as text. */
    @ServerExceptionMapper
    public Response corrupt(dev.spool.storage.service.StoredCopyCorruptException e) {
        return error(Response.Status.BAD_GATEWAY, "stored_copy_corrupt", e.getMessage());
    }

    @ServerExceptionMapper
    public Response sweepRunning(dev.spool.storage.sweep.SweepRunningException e) {
        return error(Response.Status.CONFLICT, "sweep_running", e.getMessage());
    }

    @ServerExceptionMapper
    public Response unsatisfiable(dev.spool.contracts.blocked.TextSelection.Unsatisfiable e) {
        return Response.status(416).type(MediaType.APPLICATION_JSON_TYPE).header("Content-Range", "bytes */" + e.total())
                .entity(ApiError.of("range_not_satisfiable", e.getMessage())).build();
    }

    private static Response error(Response.Status status, String error, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(ApiError.of(error, message)).build();
    }
}
