package dev.spool.storage.rest;

import dev.spool.storage.service.StoredDownloads;
import dev.spool.storage.service.TransferMetrics;
import io.vertx.core.http.HttpServerResponse;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.vertx.VertxResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;
import org.jboss.resteasy.reactive.server.spi.ServerMessageBodyWriter;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;

import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Sends a {@link StoredDownloads.Download}: the bucket's answer is piped into the client's, with back-pressure, on
 * the event loop. A download cut on either side closes both connections, so the client sees a short body rather than
 * waiting for bytes that will not come, and the bucket's connection is not reused half read.
 */
@Provider
public class StoredDownloadWriter implements ServerMessageBodyWriter<StoredDownloads.Download> {

    private static final Logger LOG = Logger.getLogger(StoredDownloadWriter.class);

    private final TransferMetrics transfers;

    public StoredDownloadWriter(TransferMetrics transfers) {
        this.transfers = transfers;
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, ResteasyReactiveResourceInfo target, MediaType mediaType) {
        return StoredDownloads.Download.class.isAssignableFrom(type);
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return StoredDownloads.Download.class.isAssignableFrom(type);
    }

    @Override
    public void writeResponse(StoredDownloads.Download download, Type genericType, ServerRequestContext context) {
        VertxResteasyReactiveRequestContext request = (VertxResteasyReactiveRequestContext) context;
        request.suspend();
        context.serverResponse().setResponseHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(download.object().sizeBytes()));
        HttpServerResponse response = request.vertxServerResponse();
        long started = System.nanoTime();
        // Set up on the event loop that reads the bucket's answer, not on this thread, so that no drain is missed.
        download.context().runOnContext(ignored -> download.body().pipe().endOnFailure(false).to(response).onComplete(piped -> {
            transfers.downloaded("stored", response.bytesWritten(), System.nanoTime() - started);
            if (piped.failed()) {
                LOG.warnf("download of %s stopped after %d of %d bytes: %s", download.object().key(), response.bytesWritten(),
                        download.object().sizeBytes(), piped.cause().getMessage());
                download.body().request().reset();
                response.reset();
            }
            request.resume();
        }));
    }

    @Override
    public void writeTo(StoredDownloads.Download download, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                        MultivaluedMap<String, Object> headers, OutputStream entity) {
        throw new UnsupportedOperationException("a stored download is piped on the event loop, not written to a stream");
    }
}
