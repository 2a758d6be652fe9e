package dev.spool.worker.client;

import dev.spool.support.rest.InternalCredential;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import dev.spool.contracts.context.ContextDocument;
import dev.spool.contracts.context.ContextRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The state-service, which builds a task's context from its run's recorded outputs. */
@RegisterRestClient(configKey = "state-service")
@ClientHeaderParam(name = InternalCredential.HEADER, value = "{dev.spool.support.rest.InternalCredential.configured}")
@Path("/api/v1/context")
public interface StateClient {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    ContextDocument context(ContextRequest request);
}
