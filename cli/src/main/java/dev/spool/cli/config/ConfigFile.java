package dev.spool.cli.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.spool.cli.CliException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code ~/.config/spool/config.yaml}: named contexts and the current one.
 *
 * <pre>
 * current_context: prod
 * contexts:
 *   prod: {gateway: https://spool.example.com, token_file: ~/.config/spool/prod-token}
 *   local: {gateway: http://localhost:8080}
 * </pre>
 */
public final class ConfigFile {

    private static final Set<String> CONTEXT_FIELDS = Set.of("gateway", "token", "token_file");
    /** Loaded only when there is a file to read or write: most commands run without one, and YAML costs their start. */
    private static final class Yaml {
        static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
    }

    private final Path path;
    private final String currentContext;
    private final Map<String, Context> contexts;

    private ConfigFile(Path path, String currentContext, Map<String, Context> contexts) {
        this.path = path;
        this.currentContext = currentContext;
        this.contexts = contexts;
    }

    /** Where the file is: {@code SPOOL_CONFIG}, else {@code $XDG_CONFIG_HOME/spool/config.yaml}, else under the home directory. */
    public static Path location(Map<String, String> env, String userHome) {
        String explicit = env.get("SPOOL_CONFIG");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(userHome, ".config");
        return base.resolve("spool").resolve("config.yaml");
    }

    public static ConfigFile read(Path path) {
        if (!Files.exists(path)) {
            return new ConfigFile(path, null, new LinkedHashMap<>());
        }
        JsonNode root;
        try {
            root = Yaml.MAPPER.readTree(path.toFile());
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw CliException.invalidInput(path + (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr())
                    + ": this is not valid YAML (" + e.getOriginalMessage() + "); fix the file or move it away");
        } catch (IOException e) {
            throw CliException.invalidInput("cannot read " + path + ": " + e.getMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return new ConfigFile(path, null, new LinkedHashMap<>());
        }
        if (!root.isObject()) {
            throw CliException.invalidInput(path + ": expected a mapping with current_context and contexts");
        }
        Map<String, Context> contexts = new LinkedHashMap<>();
        JsonNode listed = root.path("contexts");
        if (!listed.isMissingNode() && !listed.isObject()) {
            throw CliException.invalidInput(path + ": contexts must be a mapping of names to {gateway, token or token_file}");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = listed.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode value = entry.getValue();
            if (!value.isObject()) {
                throw CliException.invalidInput(path + ": contexts." + entry.getKey() + " must be a mapping with gateway and token or token_file");
            }
            for (Iterator<String> names = value.fieldNames(); names.hasNext(); ) {
                String field = names.next();
                if (!CONTEXT_FIELDS.contains(field)) {
                    throw CliException.invalidInput(path + ": contexts." + entry.getKey() + "." + field
                            + " is not a setting; a context has gateway, token and token_file");
                }
            }
            contexts.put(entry.getKey(), new Context(entry.getKey(), text(value, "gateway"), text(value, "token"), text(value, "token_file")));
        }
        return new ConfigFile(path, text(root, "current_context"), contexts);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    public Path path() {
        return path;
    }

    public Optional<String> currentContext() {
        return Optional.ofNullable(currentContext);
    }

    public Map<String, Context> contexts() {
        return Map.copyOf(contexts);
    }

    public List<String> contextNames() {
        return new ArrayList<>(contexts.keySet());
    }

    public ConfigFile withContext(Context context) {
        Map<String, Context> changed = new LinkedHashMap<>(contexts);
        changed.put(context.name(), context);
        return new ConfigFile(path, currentContext == null ? context.name() : currentContext, changed);
    }

    public ConfigFile usingContext(String name) {
        if (!contexts.containsKey(name)) {
            throw CliException.invalidInput("no context " + name + " in " + path + "; the contexts are " + contextNames()
                    + " (add one with: spool config set-context " + name + " URL)");
        }
        return new ConfigFile(path, name, contexts);
    }

    /** Writes the file readable by its owner only, since it may hold tokens. */
    public void write() {
        ObjectNode root = Yaml.MAPPER.createObjectNode();
        if (currentContext != null) {
            root.put("current_context", currentContext);
        }
        ObjectNode listed = root.putObject("contexts");
        contexts.values().forEach(context -> {
            ObjectNode node = listed.putObject(context.name());
            if (context.gateway() != null) {
                node.put("gateway", context.gateway());
            }
            if (context.token() != null) {
                node.put("token", context.token());
            }
            if (context.tokenFile() != null) {
                node.put("token_file", context.tokenFile());
            }
        });
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            Files.writeString(path, Yaml.MAPPER.writeValueAsString(root));
            try {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // Not a POSIX file system: its own permissions apply.
            }
        } catch (IOException e) {
            throw CliException.invalidInput("cannot write " + path + ": " + e.getMessage());
        }
    }
}
