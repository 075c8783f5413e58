package com.dataeye.server.quality;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Alert rules per project and the alerts already sent (once per project, kind, event and day). */
@Repository
class AlertRepository {

    record AlertRule(String projectId, String webhookUrl, int volumeChangePct, int minDailyEvents, int quarantineSharePct,
                     boolean enabled) {}

    private final JdbcClient jdbc;

    AlertRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<AlertRule> rule(String projectId) {
        return jdbc.sql("""
                        SELECT project_id, webhook_url, volume_change_pct, min_daily_events, quarantine_share_pct, enabled
                        FROM alert_rules WHERE project_id = ?""")
                .param(projectId)
                .query((rs, n) -> new AlertRule(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getInt(5), rs.getBoolean(6)))
                .optional();
    }

    List<AlertRule> enabledRules() {
        return jdbc.sql("""
                        SELECT project_id, webhook_url, volume_change_pct, min_daily_events, quarantine_share_pct, enabled
                        FROM alert_rules WHERE enabled = ?""")
                .param(true)
                .query((rs, n) -> new AlertRule(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getInt(5), rs.getBoolean(6)))
                .list();
    }

    void save(AlertRule r) {
        Object[] values = {r.webhookUrl(), r.volumeChangePct(), r.minDailyEvents(), r.quarantineSharePct(), r.enabled(),
                Timestamp.from(Instant.now()), r.projectId()};
        int updated = jdbc.sql("""
                UPDATE alert_rules SET webhook_url = ?, volume_change_pct = ?, min_daily_events = ?, quarantine_share_pct = ?,
                  enabled = ?, updated_at = ? WHERE project_id = ?""").params(values).update();
        if (updated == 0) {
            jdbc.sql("""
                    INSERT INTO alert_rules (webhook_url, volume_change_pct, min_daily_events, quarantine_share_pct, enabled, updated_at,
                      project_id) VALUES (?, ?, ?, ?, ?, ?, ?)""").params(values).update();
        }
    }

    boolean wasSent(String projectId, String kind, String subject, LocalDate day) {
        return jdbc.sql("SELECT count(*) FROM alerts_sent WHERE project_id = ? AND kind = ? AND subject = ? AND alert_day = ?")
                .params(projectId, kind, subject, day).query(Long.class).single() > 0;
    }

    void recordSent(String projectId, String kind, String subject, LocalDate day) {
        try {
            jdbc.sql("INSERT INTO alerts_sent (project_id, kind, subject, alert_day, sent_at) VALUES (?, ?, ?, ?, ?)")
                    .params(projectId, kind, subject, day, Timestamp.from(Instant.now())).update();
        } catch (DuplicateKeyException sentMeanwhile) {
            // another run recorded it first: once is what we want
        }
    }
}
