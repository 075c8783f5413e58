package com.dataeye.server.plan;

import com.dataeye.core.plan.PlanFileException;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Plan files in and out: JSON or YAML, read with a hard size limit before anything is parsed, and
 * a parse error reported with its line and column.
 */
final class PlanFiles {

    /** Largest plan file accepted (413 above); the standard plan is about 8 KB. */
    static final int MAX_BYTES = 1 << 20;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private PlanFiles() {}

    enum Format { JSON, YAML }

    static Format format(String contentType, String formatParam) {
        String f = formatParam != null ? formatParam : contentType;
        return f != null && f.toLowerCase(java.util.Locale.ROOT).contains("yaml") || "yml".equals(formatParam) ? Format.YAML : Format.JSON;
    }

    static byte[] readLimited(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) > 0) {
            if (out.size() + n > MAX_BYTES) {
                throw new PlanFileException("plan_too_large", null, "the plan file is larger than " + MAX_BYTES + " bytes");
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    static Object parse(byte[] body, Format format) {
        if (body.length == 0) {
            throw new PlanFileException("malformed_plan", null, "the body is empty; send a plan file (JSON or YAML)");
        }
        try {
            return format == Format.YAML ? YAML.readValue(body, Object.class) : JSON.readValue(body, Object.class);
        } catch (JacksonException e) {
            TokenStreamLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new PlanFileException("malformed_plan", null, "the plan is not valid " + format.name() + where + ": " + e.getOriginalMessage());
        }
    }

    static byte[] write(Object tree, Format format) {
        return format == Format.YAML ? YAML.writeValueAsBytes(tree) : JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(tree);
    }
}
