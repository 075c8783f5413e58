package com.dataeye.simulator.truth;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;

/** Writes {@code answer-key.json}: indented, snake_case, nulls kept (an empty base is information). */
public final class AnswerKeyWriter {

    public static final String FILE_NAME = "answer-key.json";

    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private AnswerKeyWriter() {
    }

    /** Writes {@code answer-key.json} into {@code directory} and returns its path. */
    public static Path write(AnswerKey key, Path directory) {
        Path file = directory.resolve(FILE_NAME);
        JSON.writeValue(file.toFile(), key);
        return file;
    }
}
