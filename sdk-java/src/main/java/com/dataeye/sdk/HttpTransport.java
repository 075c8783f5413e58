package com.dataeye.sdk;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Sends one HTTP request and returns the answer, whatever its status. The client needs nothing
 * else from HTTP, so tests plug in a scripted fake and applications can plug in the HTTP client
 * they already run (with its proxy and TLS setup). The default is {@link JdkHttpTransport}.
 *
 * <p>Called from the client's single sender thread, one request at a time.
 */
public interface HttpTransport extends AutoCloseable {

    /**
     * @throws IOException when no answer arrived (refused, reset, timed out); the client retries
     */
    Response send(Request request) throws IOException, InterruptedException;

    /** Releases connections. The client closes only a transport it created itself. */
    @Override
    default void close() {
    }

    /** A POST of {@code body} to {@code uri}. */
    record Request(URI uri, Map<String, String> headers, byte[] body) {
        public Request {
            headers = Map.copyOf(headers);
        }
    }

    /**
     * An answer. Header names are kept in lower case; {@link #header} looks them up in any case.
     */
    record Response(int status, Map<String, String> headers, byte[] body) {
        public Response {
            headers = headers.entrySet().stream()
                    .collect(Collectors.toUnmodifiableMap(e -> e.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue,
                            (a, b) -> a));
            body = body == null ? new byte[0] : body;
        }

        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }
    }
}
