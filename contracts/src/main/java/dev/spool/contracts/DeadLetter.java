package dev.spool.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * A message a service could not apply however often it tried while its database answered, published to
 * {@link Topics#DEAD_LETTERS} with why, so that an operator can see and replay it, and the consumer goes on.
 *
 * @param topic   where the message came from
 * @param service which service gave up on it
 * @param payload the message as it was, in JSON
 */
public record DeadLetter(String topic, String service, UUID runId, String taskId, UUID attemptId, String reason, String payload,
                         Instant at) {
}
