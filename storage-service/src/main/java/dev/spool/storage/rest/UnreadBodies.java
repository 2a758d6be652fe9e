package dev.spool.storage.rest;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * An upload refused before its body was read to the end. Left alone, the rest of the body is read into a queue that
 * nothing takes from, as fast as the writer sends: one refused upload of gigabytes would fill the heap. So the rest is
 * dropped as it arrives, and the connection is closed a moment after the answer is sent, which stops the writer. The
 * moment lets the writer read the answer: a socket closed with unread bytes is reset, and the reset can overtake it.
 */
final class UnreadBodies {

    private static final long LINGER_MILLIS = 1000;

    private UnreadBodies() {
    }

    static void discard(RoutingContext routing) {
        HttpServerRequest request = routing.request();
        if (request.isEnded()) {
            return;
        }
        request.handler(ignored -> {
        });
        request.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        routing.addEndHandler(ended -> routing.vertx().setTimer(LINGER_MILLIS, ignored -> request.connection().close()));
        request.resume();
    }
}
