package com.dataeye.server.plan;

import com.dataeye.server.support.Api;

import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * A fresh project of its own for a governance test (its plan and policies must not change what
 * other tests of the same server see), with its keys and a small client.
 */
public final class Shop {

    public final String id;
    public final String writeKey;
    public final String secretKey;
    private final String base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public record Response(int status, JsonNode body, String text) {}

    private Shop(String base, String id, String writeKey, String secretKey) {
        this.base = base;
        this.id = id;
        this.writeKey = writeKey;
        this.secretKey = secretKey;
    }

    public static Shop create(int port, Api admin) {
        String base = "http://localhost:" + port;
        String id = "gov-" + UUID.randomUUID().toString().substring(0, 8);
        String auth = "Basic " + Base64.getEncoder().encodeToString(("admin:" + admin.adminPassword).getBytes(StandardCharsets.UTF_8));
        Response r = send(HttpClient.newHttpClient(), HttpRequest.newBuilder(URI.create(base + "/api/v1/projects"))
                .header("Authorization", auth).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"" + id + "\",\"name\":\"Governance test shop\"}")).build());
        if (r.status() != 201) {
            throw new IllegalStateException("cannot create a test project: " + r.text());
        }
        return new Shop(base, id, r.body().path("write_key").asString(), r.body().path("secret_key").asString());
    }

    /** {@code path} below /api/v1/projects/{id}. */
    public Response get(String path) {
        return send(http, request(path).GET().build());
    }

    public Response put(String path, String body, String contentType) {
        return send(http, request(path).header("Content-Type", contentType).PUT(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public Response put(String path, String json) {
        return put(path, json, "application/json");
    }

    public Response post(String path, String json) {
        return send(http, request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public Response delete(String path) {
        return send(http, request(path).DELETE().build());
    }

    public Response getWith(String path, String authorization) {
        return send(http, HttpRequest.newBuilder(URI.create(base + "/api/v1/projects/" + id + path)).header("Authorization", authorization).GET().build());
    }

    /** Sends events to the collector with this project's write key. */
    public Response track(String json) {
        return send(http, HttpRequest.newBuilder(URI.create(base + "/api/v1/events")).header("X-Write-Key", writeKey)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + "/api/v1/projects/" + id + path)).header("Authorization", "Bearer " + secretKey);
    }

    private static Response send(HttpClient http, HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body;
            try {
                body = r.body().isEmpty() ? Api.JSON.nullNode() : Api.JSON.readTree(r.body());
            } catch (RuntimeException notJson) {
                body = Api.JSON.nullNode();
            }
            return new Response(r.statusCode(), body, r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
