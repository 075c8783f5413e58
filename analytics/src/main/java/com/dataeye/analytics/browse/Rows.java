package com.dataeye.analytics.browse;

import tools.jackson.databind.json.JsonMapper;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Result rows as ordered maps, ready to be JSON; nulls are left out, JSON columns are parsed. */
final class Rows {

    private Rows() {}

    static List<Map<String, Object>> read(ResultSet rs, JsonMapper json) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        List<Map<String, Object>> rows = new ArrayList<>();
        while (rs.next()) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 1; i <= n; i++) {
                Object v = rs.getObject(i);
                if (v == null) {
                    continue;
                }
                String name = md.getColumnLabel(i);
                if ("properties".equals(name) || "JSON".equalsIgnoreCase(md.getColumnTypeName(i))) {
                    v = json.readValue(v.toString(), Map.class);
                } else if (v instanceof OffsetDateTime t) {
                    v = t.toInstant().toString();
                }
                row.put(name, v);
            }
            rows.add(row);
        }
        return rows;
    }
}
