package com.dataeye.server.project;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/** Operator accounts; passwords are stored as bcrypt hashes only. */
@Repository
public class AccountRepository {

    public record Account(String username, String passwordHash, String role) {}

    private final JdbcClient jdbc;

    public AccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Account> find(String username) {
        return jdbc.sql("SELECT username, password_hash, role FROM accounts WHERE username = ?")
                .param(username)
                .query((rs, n) -> new Account(rs.getString(1), rs.getString(2), rs.getString(3)))
                .optional();
    }

    public void insert(String username, String passwordHash, String role) {
        jdbc.sql("INSERT INTO accounts (username, password_hash, role, created_at) VALUES (?, ?, ?, ?)")
                .params(username, passwordHash, role, Timestamp.from(Instant.now()))
                .update();
    }

    public void updatePassword(String username, String passwordHash) {
        jdbc.sql("UPDATE accounts SET password_hash = ? WHERE username = ?").params(passwordHash, username).update();
    }
}
