package dev.spool.scheduler.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Values kept as JSON text in a column: they are read and written whole, never queried inside. */
public final class JsonColumns {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .findAndAddModules()
            // Rows outlive releases: a field a later release stopped writing must not make a row unreadable.
            .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private JsonColumns() {
    }

    abstract static class JsonConverter<T> implements AttributeConverter<T, String> {

        private final Class<T> type;

        JsonConverter(Class<T> type) {
            this.type = type;
        }

        @Override
        public String convertToDatabaseColumn(T value) {
            try {
                return value == null ? null : MAPPER.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write " + type.getSimpleName() + " as JSON", e);
            }
        }

        @Override
        public T convertToEntityAttribute(String json) {
            try {
                return json == null ? null : MAPPER.readValue(json, type);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot read " + type.getSimpleName() + " from JSON", e);
            }
        }
    }

    @Converter
    public static class TaskDefinitionConverter extends JsonConverter<TaskDefinition> {
        public TaskDefinitionConverter() {
            super(TaskDefinition.class);
        }
    }

    @Converter
    public static class TaskNotesConverter extends JsonConverter<TaskNotes> {
        public TaskNotesConverter() {
            super(TaskNotes.class);
        }
    }

    @Converter
    public static class AttemptOutputsConverter extends JsonConverter<AttemptOutputs> {
        public AttemptOutputsConverter() {
            super(AttemptOutputs.class);
        }
    }

    @Converter
    public static class CleanupPolicyConverter extends JsonConverter<dev.spool.contracts.context.CleanupPolicy> {
        public CleanupPolicyConverter() {
            super(dev.spool.contracts.context.CleanupPolicy.class);
        }
    }

    @Converter
    public static class AttemptProgressConverter extends JsonConverter<AttemptProgress> {
        public AttemptProgressConverter() {
            super(AttemptProgress.class);
        }
    }
}
