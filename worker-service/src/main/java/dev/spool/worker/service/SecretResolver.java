package dev.spool.worker.service;

import dev.spool.worker.config.WorkerConfig;
import dev.spool.support.secrets.SecretSeal;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Gives a task its secrets on the worker, so secret values never pass through Spool's database or Kafka in the
 * clear. A {@code secret_ref} is resolved here: a file named after the secret in {@code spool.worker.secrets-dir}
 * (a mounted Kubernetes Secret), else the worker's environment variable {@code SPOOL_SECRET_<NAME>} (upper case,
 * other characters as '_'). An inline secret arrives sealed by the gateway and is opened here.
 */
@ApplicationScoped
public class SecretResolver {

    private final WorkerConfig config;
    private final SecretSeal seal;

    public SecretResolver(WorkerConfig config, SecretSeal seal) {
        this.config = config;
        this.seal = seal;
    }

    /** The task's env with its sealed inline secrets opened. */
    public Map<String, String> open(Map<String, String> env, java.util.Set<String> secretEnv) throws MissingSecret {
        Map<String, String> opened = new LinkedHashMap<>(env);
        for (String name : secretEnv) {
            String value = env.get(name);
            if (SecretSeal.isSealed(value)) {
                try {
                    opened.put(name, seal.open(value));
                } catch (SecretSeal.CannotOpen e) {
                    throw new MissingSecret("the inline secret " + name + " cannot be opened on this worker: " + e.getMessage());
                }
            }
        }
        return opened;
    }

    /** A secret this worker does not have: the attempt fails before it starts, saying where to put it. */
    public static final class MissingSecret extends Exception {
        MissingSecret(String message) {
            super(message);
        }
    }

    /** @return env name → value, for every reference */
    public Map<String, String> resolve(Map<String, String> refs) throws MissingSecret {
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, String> ref : refs.entrySet()) {
            values.put(ref.getKey(), value(ref.getKey(), ref.getValue()));
        }
        return values;
    }

    private String value(String envName, String secret) throws MissingSecret {
        Path file = config.secretsDir().resolve(secret);
        if (Files.isRegularFile(file)) {
            try {
                return stripNewline(Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new MissingSecret("secret '" + secret + "' (for " + envName + ") cannot be read from " + file + ": " + e.getMessage());
            }
        }
        String variable = "SPOOL_SECRET_" + secret.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
        String value = System.getenv(variable);
        if (value != null) {
            return value;
        }
        throw new MissingSecret("secret '" + secret + "' (for " + envName + ") is not on this worker: put it in " + file
                + " (e.g. a mounted Kubernetes Secret) or set " + variable + " in the worker's environment");
    }

    /** Files written by editors and `kubectl create secret --from-file` often end in one newline that is not part of the value. */
    private static String stripNewline(String text) {
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }
}
