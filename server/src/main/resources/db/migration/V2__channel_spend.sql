-- Marketing spend entered by operators (docs/api/channels.md): one amount per project, channel and
-- day, for CAC, ROI and payback. Portable SQL for H2, PostgreSQL and MariaDB/MySQL.
CREATE TABLE channel_spend (
    project_id VARCHAR(64)   NOT NULL,
    channel    VARCHAR(32)   NOT NULL,
    spend_day  DATE          NOT NULL,
    amount     DECIMAL(18,2) NOT NULL,
    updated_at TIMESTAMP     NOT NULL,
    CONSTRAINT pk_channel_spend PRIMARY KEY (project_id, channel, spend_day),
    CONSTRAINT fk_channel_spend_project FOREIGN KEY (project_id) REFERENCES projects (id)
);
