package dev.spool.support.testing;

import dev.spool.support.rest.InternalCredential;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

import java.net.URI;
import java.net.http.HttpRequest;

/** Calls of a service's internal endpoints as Spool's own services make them: with the tests' shared credential. */
public final class InternalCalls {

    /** What the services' test configuration sets as {@code spool.internal.token}. */
    public static final String TOKEN = "test-internal-token";

    private InternalCalls() {
    }

    public static RequestSpecification given() {
        return RestAssured.given().header(InternalCredential.HEADER, TOKEN);
    }

    public static HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).header(InternalCredential.HEADER, TOKEN);
    }
}
