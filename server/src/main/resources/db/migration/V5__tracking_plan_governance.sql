-- Tracking plan, ingest policy, autocapture governance and quality alerts per project (issue 8).
-- Portable SQL for H2, PostgreSQL and MariaDB/MySQL.
CREATE TABLE plan_events (
    project_id  VARCHAR(64)   NOT NULL,
    name        VARCHAR(100)  NOT NULL,
    display_zh  VARCHAR(200),
    display_en  VARCHAR(200),
    description VARCHAR(2000),
    owner       VARCHAR(200),
    status      VARCHAR(16)   NOT NULL,
    seq         INTEGER       NOT NULL,
    updated_at  TIMESTAMP     NOT NULL,
    CONSTRAINT pk_plan_events PRIMARY KEY (project_id, name),
    CONSTRAINT fk_plan_events_project FOREIGN KEY (project_id) REFERENCES projects (id)
);

-- allowed_values is a JSON array (strings or numbers); a property name has one type per project.
CREATE TABLE plan_properties (
    project_id     VARCHAR(64)  NOT NULL,
    event_name     VARCHAR(100) NOT NULL,
    name           VARCHAR(100) NOT NULL,
    display_zh     VARCHAR(200),
    display_en     VARCHAR(200),
    prop_type      VARCHAR(16)  NOT NULL,
    is_required    BOOLEAN      NOT NULL,
    allowed_values TEXT,
    min_value      DOUBLE PRECISION,
    max_value      DOUBLE PRECISION,
    description    VARCHAR(2000),
    seq            INTEGER      NOT NULL,
    CONSTRAINT pk_plan_properties PRIMARY KEY (project_id, event_name, name),
    CONSTRAINT fk_plan_properties_event FOREIGN KEY (project_id, event_name) REFERENCES plan_events (project_id, name)
);

-- One row per project once anything is configured; version grows on every plan or policy change.
-- autocapture_kinds is a comma-separated list; allow_urls and deny_urls are JSON arrays of globs.
CREATE TABLE project_governance (
    project_id          VARCHAR(64)      NOT NULL PRIMARY KEY,
    unknown_events      VARCHAR(16)      NOT NULL,
    unknown_properties  VARCHAR(16)      NOT NULL,
    autocapture_kinds   VARCHAR(200)     NOT NULL,
    allow_urls          TEXT,
    deny_urls           TEXT,
    sample_rate         DOUBLE PRECISION NOT NULL,
    autocapture_retention_days INTEGER,
    version             BIGINT           NOT NULL,
    updated_at          TIMESTAMP        NOT NULL,
    CONSTRAINT fk_governance_project FOREIGN KEY (project_id) REFERENCES projects (id)
);

CREATE TABLE alert_rules (
    project_id           VARCHAR(64)   NOT NULL PRIMARY KEY,
    webhook_url          VARCHAR(2000) NOT NULL,
    volume_change_pct    INTEGER       NOT NULL,
    min_daily_events     INTEGER       NOT NULL,
    quarantine_share_pct INTEGER       NOT NULL,
    enabled              BOOLEAN       NOT NULL,
    updated_at           TIMESTAMP     NOT NULL,
    CONSTRAINT fk_alert_rules_project FOREIGN KEY (project_id) REFERENCES projects (id)
);

-- An alert is sent once per project, kind, subject (event name) and day.
CREATE TABLE alerts_sent (
    project_id VARCHAR(64)  NOT NULL,
    kind       VARCHAR(32)  NOT NULL,
    subject    VARCHAR(100) NOT NULL,
    alert_day  DATE         NOT NULL,
    sent_at    TIMESTAMP    NOT NULL,
    CONSTRAINT pk_alerts_sent PRIMARY KEY (project_id, kind, subject, alert_day)
);
