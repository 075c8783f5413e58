package com.dataeye.server.channels;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Channel spend per project, channel and day, in the operational store (migration V2). */
@Repository
class SpendRepository {

    record Spend(String channel, LocalDate day, BigDecimal amount) {}

    private final JdbcClient jdbc;

    SpendRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Sets the amounts given, replacing what was there for the same channel and day (portable: delete, then insert). */
    @Transactional
    void save(String projectId, List<Spend> rows) {
        Timestamp now = Timestamp.from(Instant.now());
        for (Spend s : rows) {
            jdbc.sql("DELETE FROM channel_spend WHERE project_id = ? AND channel = ? AND spend_day = ?")
                    .params(projectId, s.channel(), Date.valueOf(s.day())).update();
            jdbc.sql("INSERT INTO channel_spend (project_id, channel, spend_day, amount, updated_at) VALUES (?, ?, ?, ?, ?)")
                    .params(projectId, s.channel(), Date.valueOf(s.day()), s.amount(), now).update();
        }
    }

    List<Spend> list(String projectId, LocalDate from, LocalDate to) {
        return jdbc.sql("SELECT channel, spend_day, amount FROM channel_spend WHERE project_id = ? AND spend_day >= ? AND spend_day <= ? "
                        + "ORDER BY spend_day, channel")
                .params(projectId, Date.valueOf(from), Date.valueOf(to))
                .query((rs, n) -> new Spend(rs.getString(1), rs.getDate(2).toLocalDate(), rs.getBigDecimal(3)))
                .list();
    }

    Map<String, BigDecimal> totalByChannel(String projectId, LocalDate from, LocalDate to) {
        Map<String, BigDecimal> out = new TreeMap<>();
        list(projectId, from, to).forEach(s -> out.merge(s.channel(), s.amount(), BigDecimal::add));
        return out;
    }
}
