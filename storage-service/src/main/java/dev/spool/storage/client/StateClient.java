package dev.spool.storage.client;

import dev.spool.support.rest.InternalCredential;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import dev.spool.contracts.storage.ObjectReferenceQuery;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The state-service, whose task outputs say which stored objects are still wanted. Called from the sweeper's thread. */
@RegisterRestClient(configKey = "state-service")
@ClientHeaderParam(name = InternalCredential.HEADER, value = "{dev.spool.support.rest.InternalCredential.configured}")
@Path("/api/v1/objects")
public interface StateClient {

    @POST
    @Path("/referenced")
    ObjectReferenceQuery.Referenced referenced(ObjectReferenceQuery query);
}
