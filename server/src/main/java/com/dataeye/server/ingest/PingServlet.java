package com.dataeye.server.ingest;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code POST /api/v1/ping}: reads the body and answers 200. SDKs use it to check that they can
 * reach the collector; benchmarks use it as the bare endpoint of the same server, served the same
 * way as the collector, so the difference between the two is DataEye's own work.
 */
final class PingServlet extends HttpServlet {

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        CollectorServlet.allowCrossOrigin(response);
        long n = 0;
        byte[] buf = new byte[8192];
        try (InputStream in = request.getInputStream()) {
            int r;
            while ((r = in.read(buf)) > 0) {
                n += r;
            }
        }
        byte[] body = ("{\"ok\":true,\"bytes\":" + n + "}").getBytes(StandardCharsets.US_ASCII);
        response.setStatus(200);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
