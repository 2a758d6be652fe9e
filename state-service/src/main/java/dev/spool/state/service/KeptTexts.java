package dev.spool.state.service;

import dev.spool.state.client.StorageClient;
import dev.spool.support.Failures;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.Duration;

/**
 * The kept text of a record for a context document: in the record, or, when it was too large to travel in its
 * result, in the bucket under the key the record keeps (the claim check), read from there. The API's readers get the
 * key instead, and the gateway streams the text from the bucket without holding it.
 */
@ApplicationScoped
public class KeptTexts {

    private static final Duration STORAGE_WAIT = Duration.ofSeconds(60);

    private final StorageClient storage;

    public KeptTexts(@RestClient StorageClient storage) {
        this.storage = storage;
    }

    /**
     * The text, or, when the bucket does not give it, a note of Spool's in its place: a context document goes on
     * without the text rather than fail the task that asked for it.
     *
     * @param keptTextKey where the text is stored, or null when {@code content} is the text
     */
    public Uni<String> textOrNote(String content, String keptTextKey) {
        if (keptTextKey == null) {
            return Uni.createFrom().item(content);
        }
        return storage.text(keptTextKey, true).ifNoItem().after(STORAGE_WAIT).fail()
                .onFailure().recoverWithItem(e -> "[spool: the kept text is stored at " + keptTextKey + ", which could not be read ("
                        + Failures.describe(e) + ")]\n");
    }
}
