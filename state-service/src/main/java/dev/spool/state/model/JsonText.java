package dev.spool.state.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.spool.contracts.ResourceUsage;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.util.ArrayList;
import java.util.List;

/** Values kept as JSON text in a column: read and written whole, never queried inside. */
public final class JsonText {

    private static final ObjectMapper MAPPER = JsonMapper.builder().findAndAddModules()
            // Rows outlive releases: a field a later release stopped writing must not make a row unreadable.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private JsonText() {
    }

    abstract static class Json<T> implements AttributeConverter<T, String> {

        private final TypeReference<T> type;

        Json(TypeReference<T> type) {
            this.type = type;
        }

        @Override
        public String convertToDatabaseColumn(T value) {
            try {
                return value == null ? null : MAPPER.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write a column as JSON", e);
            }
        }

        @Override
        public T convertToEntityAttribute(String text) {
            try {
                return text == null ? null : MAPPER.readValue(text, type);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a JSON column cannot be read", e);
            }
        }
    }

    @Converter
    public static class StringList extends Json<List<String>> {
        public StringList() {
            super(new TypeReference<>() {
            });
        }

        @Override
        public List<String> convertToEntityAttribute(String text) {
            List<String> list = super.convertToEntityAttribute(text);
            return list == null ? new ArrayList<>() : new ArrayList<>(list);
        }
    }

    @Converter
    public static class Usage extends Json<ResourceUsage> {
        public Usage() {
            super(new TypeReference<>() {
            });
        }
    }
}
