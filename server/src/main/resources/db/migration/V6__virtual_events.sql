-- Virtual events (issue 8, C3; docs/api/virtual-events.md). Portable SQL for H2, PostgreSQL and MariaDB/MySQL.
-- Every save appends a version; the newest version of a name is its current definition, and
-- archived = true on that version means the name is archived. definition is the JSON the API reads.
CREATE TABLE virtual_event_versions (
    project_id  VARCHAR(64)   NOT NULL,
    name        VARCHAR(100)  NOT NULL,
    version     INTEGER       NOT NULL,
    definition  TEXT          NOT NULL,
    archived    BOOLEAN       NOT NULL,
    saved_at    TIMESTAMP     NOT NULL,
    saved_by    VARCHAR(200)  NOT NULL,
    CONSTRAINT pk_virtual_event_versions PRIMARY KEY (project_id, name, version),
    CONSTRAINT fk_virtual_event_versions_project FOREIGN KEY (project_id) REFERENCES projects (id)
);
