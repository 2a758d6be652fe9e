package dev.spool.scheduler.workflow;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which fields each mapping of a workflow may have, read from the spec records themselves, so that the document scan
 * can name an unknown field at its exact path and line. A value whose type reads itself ({@code command}, {@code env}
 * entries, {@code timeout}, {@code depends_on} entries) is left to its own reader.
 */
sealed interface FieldSchema {

    /** The whole workflow's schema, built once. */
    static FieldSchema root() {
        return Root.SCHEMA;
    }

    /** The schema of a field's value, or of a list's or map's element. */
    FieldSchema child(String field);

    /** A mapping with known fields. */
    record Fields(Class<?> type, Map<String, FieldSchema> fields) implements FieldSchema {
        @Override
        public FieldSchema child(String field) {
            return fields.getOrDefault(field, Opaque.INSTANCE);
        }
    }

    /** A list or a map of names to values, each with the same schema. */
    record Elements(FieldSchema element) implements FieldSchema {
        @Override
        public FieldSchema child(String field) {
            return element;
        }
    }

    /** A value this schema does not look into. */
    enum Opaque implements FieldSchema {
        INSTANCE;

        @Override
        public FieldSchema child(String field) {
            return INSTANCE;
        }
    }

    private static FieldSchema of(Type type) {
        if (type instanceof ParameterizedType generic && generic.getRawType() instanceof Class<?> raw) {
            Type[] arguments = generic.getActualTypeArguments();
            if (Collection.class.isAssignableFrom(raw)) {
                return new Elements(of(arguments[0]));
            }
            if (Map.class.isAssignableFrom(raw)) {
                return new Elements(of(arguments[1]));
            }
            return Opaque.INSTANCE;
        }
        if (!(type instanceof Class<?> raw) || !raw.isRecord() || raw.isAnnotationPresent(JsonDeserialize.class)) {
            return Opaque.INSTANCE;
        }
        Map<String, FieldSchema> fields = new LinkedHashMap<>();
        PropertyNamingStrategies.NamingBase snakeCase = (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;
        for (RecordComponent component : raw.getRecordComponents()) {
            String name = snakeCase.translate(component.getName());
            boolean readsItself = component.getAccessor().isAnnotationPresent(JsonDeserialize.class);
            fields.put(name, readsItself ? Opaque.INSTANCE : of(component.getGenericType()));
        }
        return new Fields(raw, fields);
    }

    final class Root {
        private static final FieldSchema SCHEMA = of(WorkflowSpec.class);

        private Root() {
        }
    }

    static List<String> known(Fields fields) {
        return fields.fields().keySet().stream().sorted().toList();
    }
}
