package com.dataeye.sdk;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * {@link HttpTransport} on the JDK's {@link HttpClient}: HTTP/1.1 with keep-alive, so a steady
 * stream of batches reuses one connection, and no dependency to ship.
 */
public final class JdkHttpTransport implements HttpTransport {

    private final HttpClient http;
    private final Duration requestTimeout;

    public JdkHttpTransport(Duration connectTimeout, Duration requestTimeout) {
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .build();
        this.requestTimeout = requestTimeout;
    }

    /** With the timeouts of {@code config}. */
    public static JdkHttpTransport from(DataEyeConfig config) {
        return new JdkHttpTransport(Duration.ofMillis(config.connectTimeoutMs()), Duration.ofMillis(config.requestTimeoutMs()));
    }

    @Override
    public Response send(Request request) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(request.uri())
                .timeout(requestTimeout)
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach(b::header);
        HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        Map<String, String> headers = new HashMap<>();
        r.headers().map().forEach((name, values) -> {
            if (!values.isEmpty()) {
                headers.put(name, values.get(0));
            }
        });
        return new Response(r.statusCode(), headers, r.body());
    }
}
