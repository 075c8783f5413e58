package com.dataeye.server.security;

import com.dataeye.server.ingest.ApiError;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;

/** Writes the common JSON error body from filters, where no controller advice reaches. */
@Component
class ApiErrors {

    private final JsonMapper json;

    ApiErrors(JsonMapper json) {
        this.json = json;
    }

    void write(HttpServletResponse response, int status, String code, String message) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), ApiError.of(code, message));
    }

    /** A JSON body from a filter or handler (the dashboard's login answer). */
    void writeJson(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), body);
    }
}
