package com.dataeye.server.ingest;

import com.dataeye.core.ingest.RejectionCode;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a request body, gzip-decoded when the client says so, and refuses it as soon as it passes
 * the limit — after decompression too, so a small gzip bomb cannot expand into the heap.
 */
final class BodyReader {

    private BodyReader() {}

    static byte[] read(InputStream in, String contentEncoding, long contentLength, int maxBytes) throws IOException {
        boolean gzip = false;
        if (contentEncoding != null && !contentEncoding.isBlank()) {
            String enc = contentEncoding.trim().toLowerCase(Locale.ROOT);
            if (enc.equals("gzip") || enc.equals("x-gzip")) {
                gzip = true;
            } else if (!enc.equals("identity")) {
                throw new RequestError(RejectionCode.UNSUPPORTED_ENCODING,
                        "Content-Encoding '" + contentEncoding + "' is not supported; send gzip or no encoding");
            }
        }
        if (!gzip && contentLength > maxBytes) {
            throw tooLarge(maxBytes);
        }
        try {
            InputStream source = gzip ? new GZIPInputStream(in, 8192) : in;
            return readLimited(source, maxBytes);
        } catch (ZipException e) {
            throw new RequestError(RejectionCode.MALFORMED_JSON, "the body is not valid gzip: " + e.getMessage());
        }
    }

    private static byte[] readLimited(InputStream in, int maxBytes) throws IOException {
        byte[] buf = new byte[Math.min(maxBytes + 1, 16 * 1024)];
        int len = 0;
        while (true) {
            if (len == buf.length) {
                if (len > maxBytes) {
                    throw tooLarge(maxBytes);
                }
                buf = Arrays.copyOf(buf, Math.min(maxBytes + 1, buf.length * 2));
            }
            int n = in.read(buf, len, buf.length - len);
            if (n < 0) {
                break;
            }
            len += n;
            if (len > maxBytes) {
                throw tooLarge(maxBytes);
            }
        }
        return len == buf.length ? buf : Arrays.copyOf(buf, len);
    }

    private static RequestError tooLarge(int maxBytes) {
        return new RequestError(RejectionCode.BODY_TOO_LARGE,
                "the body is larger than " + maxBytes + " bytes (after decompression); send smaller batches");
    }
}
