package com.dataeye.server.analysis;

import com.dataeye.server.support.Api;
import com.dataeye.server.support.InProcessServer;

import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.yaml.snakeyaml.Yaml;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The served OpenAPI description matches the real analysis endpoints, and every example it shows runs. */
class OpenApiIT extends InProcessServer {

    @SuppressWarnings("unchecked")
    private Map<String, Object> description() {
        Api.Response r = api().getAsSecretKey("/api/v1/openapi.yaml");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("application/yaml");
        return new Yaml().load(new String(r.raw().body(), StandardCharsets.UTF_8));
    }

    /** The analysis controller's POST endpoints, read from its mappings. */
    private static Set<String> realEndpoints() {
        String base = AnalysisController.class.getAnnotation(RequestMapping.class).value()[0];
        Set<String> out = new TreeSet<>();
        for (Method m : AnalysisController.class.getDeclaredMethods()) {
            PostMapping post = m.getAnnotation(PostMapping.class);
            if (post != null) {
                for (String p : post.value()) {
                    out.add(base + p);
                }
            }
        }
        return out;
    }

    @Test
    @SuppressWarnings("unchecked")
    void documentsEveryEndpointAndNothingElse() {
        Map<String, Object> paths = (Map<String, Object>) description().get("paths");
        assertThat(realEndpoints()).hasSize(5);
        assertThat(new TreeSet<>(paths.keySet())).isEqualTo(realEndpoints());
        for (Object item : paths.values()) {
            assertThat((Map<String, Object>) item).containsOnlyKeys("post");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyDocumentedExampleRequestIsAnsweredWith200() {
        Map<String, Object> paths = (Map<String, Object>) description().get("paths");
        List<String> failures = new ArrayList<>();
        int examples = 0;
        for (Map.Entry<String, Object> path : paths.entrySet()) {
            Map<String, Object> post = (Map<String, Object>) ((Map<String, Object>) path.getValue()).get("post");
            StringBuilder query = new StringBuilder();
            for (Map<String, Object> p : (List<Map<String, Object>>) post.get("parameters")) {
                if ("query".equals(p.get("in")) && Boolean.TRUE.equals(p.get("required"))) {
                    query.append(query.length() == 0 ? "?" : "&").append(p.get("name")).append('=').append(p.get("example"));
                }
            }
            Map<String, Object> json = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) post.get("requestBody"))
                    .get("content")).get("application/json");
            for (Map.Entry<String, Object> example : ((Map<String, Object>) json.get("examples")).entrySet()) {
                Object body = ((Map<String, Object>) example.getValue()).get("value");
                String url = path.getKey().replace("{project}", "demo") + query;
                Api.Response r = api().post(url, Api.JSON.writeValueAsBytes(body), "Authorization", "Bearer " + api().secretKey);
                examples++;
                if (r.status() != 200) {
                    failures.add(url + " " + example.getKey() + ": " + r.status() + " " + r.body());
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(examples).isGreaterThanOrEqualTo(5);
    }
}
