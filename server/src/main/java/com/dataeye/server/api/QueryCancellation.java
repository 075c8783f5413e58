package com.dataeye.server.api;

import com.dataeye.analytics.query.QueryExecutor;
import com.dataeye.analytics.query.RunningQueries;
import com.dataeye.server.ingest.ApiError;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.AsyncHandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Lets a caller stop its own queries. A request to an analysis endpoint may carry
 * {@value #HEADER}: an id the caller chose; {@code POST /api/v1/queries/cancel} with those ids stops
 * the statements still running for them. The dashboard does this for the requests of a page the
 * operator leaves, so that the next page does not wait behind work nobody will look at.
 * Ids are scoped to the caller (operator or secret key), so nobody can stop another's queries.
 */
@Configuration(proxyBeanMethods = false)
class QueryCancellation implements WebMvcConfigurer {

    static final String HEADER = "X-DataEye-Query-Id";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final int MAX_IDS = 200;

    private final RunningQueries running;
    private final JsonMapper json = JsonMapper.builder().build();

    QueryCancellation(RunningQueries running) {
        this.running = running;
    }

    static String key(Principal who, String id) {
        return who.getName() + '\u0000' + id;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new AsyncHandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest req, HttpServletResponse res, Object handler) throws Exception {
                String id = req.getHeader(HEADER);
                if (id == null) {
                    return true;
                }
                if (!ID.matcher(id).matches()) {
                    res.setStatus(HttpServletResponse.SC_BAD_REQUEST);
                    res.setContentType(MediaType.APPLICATION_JSON_VALUE);
                    json.writeValue(res.getOutputStream(), ApiError.of("invalid_header",
                            HEADER + " must be 1 to 64 letters, digits, '-' or '_'", HEADER));
                    return false;
                }
                if (req.getUserPrincipal() != null) {
                    String key = key(req.getUserPrincipal(), id);
                    req.setAttribute(HEADER, key);
                    running.begin(key);
                }
                return true;
            }

            @Override
            public void afterCompletion(HttpServletRequest req, HttpServletResponse res, Object handler, Exception ex) {
                if (req.getAttribute(HEADER) instanceof String key) {
                    running.end(key);
                }
            }

            // an async answer (a stream) leaves this thread now: its tag must not stay on the pooled thread
            @Override
            public void afterConcurrentHandlingStarted(HttpServletRequest req, HttpServletResponse res, Object handler) {
                if (req.getAttribute(HEADER) instanceof String key) {
                    req.removeAttribute(HEADER);
                    running.end(key);
                }
            }
        }).addPathPatterns("/api/v1/projects/**");
    }

    /** {@code {"ids": [...]}} → how many of them were still running and are now stopped. */
    record CancelRequest(List<String> ids) {}

    @RestController
    static class Endpoint {
        private final RunningQueries running;

        Endpoint(RunningQueries running) {
            this.running = running;
        }

        @PostMapping("/api/v1/queries/cancel")
        ResponseEntity<?> cancel(@RequestBody CancelRequest body, Authentication auth) {
            List<String> ids = body == null || body.ids() == null ? List.of() : body.ids();
            if (ids.size() > MAX_IDS) {
                return ResponseEntity.badRequest().body(ApiError.of("invalid_query", "at most " + MAX_IDS + " ids", "ids"));
            }
            int stopped = 0;
            for (String id : ids) {
                if (id != null && ID.matcher(id).matches() && running.cancel(key(auth, id))) {
                    stopped++;
                }
            }
            return ResponseEntity.ok(Map.of("cancelled", stopped));
        }
    }

    /** Whichever endpoint's query was stopped: the caller asked for it, so the answer only says so. */
    @RestControllerAdvice
    @Order(Ordered.LOWEST_PRECEDENCE)
    static class Cancelled {
        @ExceptionHandler(QueryExecutor.QueryCancelledException.class)
        ResponseEntity<ApiError> cancelled(QueryExecutor.QueryCancelledException e) {
            return ResponseEntity.status(HttpStatus.CONFLICT).body(ApiError.of("query_cancelled", e.getMessage()));
        }
    }
}
