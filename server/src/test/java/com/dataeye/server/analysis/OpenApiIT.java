package com.dataeye.server.analysis;

import com.dataeye.server.support.Api;
import com.dataeye.server.support.InProcessServer;

import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
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

/** The served OpenAPI description matches the real analysis and virtual-event endpoints, and every example it shows runs. */
class OpenApiIT extends InProcessServer {

    @SuppressWarnings("unchecked")
    private Map<String, Object> description() {
        Api.Response r = api().getAsSecretKey("/api/v1/openapi.yaml");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("application/yaml");
        return new Yaml().load(new String(r.raw().body(), StandardCharsets.UTF_8));
    }

    /** "METHOD path" of the analysis controller's and the virtual-event controller's endpoints, read from their mappings. */
    private static Set<String> realEndpoints() {
        Set<String> out = new TreeSet<>();
        for (Class<?> controller : List.of(AnalysisController.class, virtualEventController())) {
            String base = controller.getAnnotation(RequestMapping.class).value()[0];
            for (Method m : controller.getDeclaredMethods()) {
                for (var mapping : List.of(GetMapping.class, PostMapping.class, PutMapping.class, DeleteMapping.class)) {
                    java.lang.annotation.Annotation a = m.getAnnotation(mapping);
                    if (a == null) {
                        continue;
                    }
                    String[] values = a instanceof GetMapping g ? g.value() : a instanceof PostMapping p ? p.value()
                            : a instanceof PutMapping u ? u.value() : ((DeleteMapping) a).value();
                    String verb = mapping.getSimpleName().replace("Mapping", "").toLowerCase(java.util.Locale.ROOT);
                    for (String p : values.length == 0 ? new String[] {""} : values) {
                        out.add(verb + " " + base + p);
                    }
                }
            }
        }
        return out;
    }

    private static Class<?> virtualEventController() {
        try {
            return Class.forName("com.dataeye.server.virtualevents.VirtualEventController");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void documentsEveryEndpointAndNothingElse() {
        Map<String, Object> paths = (Map<String, Object>) description().get("paths");
        Set<String> documented = new TreeSet<>();
        paths.forEach((path, item) -> ((Map<String, Object>) item).keySet().forEach(verb -> documented.add(verb + " " + path)));
        assertThat(realEndpoints()).hasSize(13);
        assertThat(documented).isEqualTo(realEndpoints());
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyDocumentedExampleRequestIsAnsweredWith200() {
        Map<String, Object> paths = (Map<String, Object>) description().get("paths");
        List<String> failures = new ArrayList<>();
        int examples = 0;
        for (Map.Entry<String, Object> path : paths.entrySet()) {
            Map<String, Object> post = (Map<String, Object>) ((Map<String, Object>) path.getValue()).get("post");
            if (post == null) {
                continue;
            }
            // creating answers 201; every other documented POST answers 200
            int expected = ((Map<String, Object>) post.get("responses")).containsKey("201") ? 201 : 200;
            StringBuilder query = new StringBuilder();
            for (Map<String, Object> p : (List<Map<String, Object>>) post.get("parameters")) {
                if ("query".equals(p.get("in")) && Boolean.TRUE.equals(p.get("required")) && p.get("example") != null) {
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
                if (r.status() != expected) {
                    failures.add(url + " " + example.getKey() + ": " + r.status() + " " + r.body());
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(examples).isGreaterThanOrEqualTo(5);
    }
}
