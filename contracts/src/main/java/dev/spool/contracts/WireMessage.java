package dev.spool.contracts;

import java.util.ArrayList;
import java.util.List;

/**
 * A message on one of Spool's topics. What arrives there is not always Spool's: bytes that are not JSON reach a
 * consumer as null (each channel reads with {@code fail-on-deserialization-failure=false}), and JSON of another shape
 * as a message without its ids. Consumers pass both over, with a warning, instead of failing on them forever.
 */
public interface WireMessage {

    /** Whether the ids and fields a consumer relies on are all there. */
    boolean complete();

    /** The messages of a batch that are whole Spool messages; the rest is logged and dropped. */
    static <T extends WireMessage> List<T> usable(String topic, List<T> batch) {
        List<T> usable = new ArrayList<>(batch.size());
        int dropped = 0;
        for (T message : batch) {
            if (message != null && message.complete()) {
                usable.add(message);
            } else {
                dropped++;
            }
        }
        if (dropped > 0) {
            System.getLogger(WireMessage.class.getName()).log(System.Logger.Level.WARNING,
                    "passed over {0} message(s) on {1} that are not readable Spool messages", dropped, topic);
        }
        return usable;
    }

    static boolean usable(String topic, WireMessage message) {
        return !usable(topic, java.util.Collections.singletonList(message)).isEmpty();
    }
}
