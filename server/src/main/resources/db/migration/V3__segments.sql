-- Segments (docs/api/segments.md): definitions and daily sizes. Portable SQL for H2, PostgreSQL and MariaDB/MySQL.
-- The person ids of static segments live beside the events in the DuckDB store (analytics StaticMembers),
-- so analyses can join them; here is what a segment is and how big it was.
CREATE TABLE segments (
    project_id  VARCHAR(64)   NOT NULL,
    id          VARCHAR(64)   NOT NULL,
    name        VARCHAR(200)  NOT NULL,
    description VARCHAR(2000),
    kind        VARCHAR(16)   NOT NULL,
    definition  TEXT,
    created_at  TIMESTAMP     NOT NULL,
    updated_at  TIMESTAMP     NOT NULL,
    CONSTRAINT pk_segments PRIMARY KEY (project_id, id),
    CONSTRAINT fk_segments_project FOREIGN KEY (project_id) REFERENCES projects (id)
);

CREATE TABLE segment_sizes (
    project_id    VARCHAR(64) NOT NULL,
    segment_id    VARCHAR(64) NOT NULL,
    snapshot_date DATE        NOT NULL,
    persons       BIGINT      NOT NULL,
    computed_at   TIMESTAMP   NOT NULL,
    CONSTRAINT pk_segment_sizes PRIMARY KEY (project_id, segment_id, snapshot_date)
);
