-- Operational data (ARCHITECTURE.md "Operational store"): portable SQL for H2, PostgreSQL and MariaDB/MySQL.
CREATE TABLE projects (
    id          VARCHAR(64)  NOT NULL PRIMARY KEY,
    name        VARCHAR(200) NOT NULL,
    time_zone   VARCHAR(64)  NOT NULL,
    pii_mode    VARCHAR(16)  NOT NULL,
    pii_key     VARCHAR(128) NOT NULL,
    created_at  TIMESTAMP    NOT NULL
);

-- Write keys are public (they ship inside web pages) and stored as they are; secret keys are
-- stored as a SHA-256 hash under their public prefix, so the table never holds a usable secret.
CREATE TABLE api_keys (
    key_id      VARCHAR(64)  NOT NULL PRIMARY KEY,
    project_id  VARCHAR(64)  NOT NULL,
    kind        VARCHAR(16)  NOT NULL,
    secret_hash VARCHAR(128),
    created_at  TIMESTAMP    NOT NULL,
    revoked_at  TIMESTAMP    NULL,
    CONSTRAINT fk_api_keys_project FOREIGN KEY (project_id) REFERENCES projects (id)
);
CREATE INDEX idx_api_keys_project ON api_keys (project_id);

CREATE TABLE accounts (
    username      VARCHAR(100) NOT NULL PRIMARY KEY,
    password_hash VARCHAR(200) NOT NULL,
    role          VARCHAR(32)  NOT NULL,
    created_at    TIMESTAMP    NOT NULL
);
