package com.dataeye.server.channels;

import com.dataeye.analytics.query.InvalidQueryException;
import com.dataeye.core.enrich.Channel;

import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads spend rows from JSON ({@code {"spend": [{"channel", "day", "amount"}]}}) or CSV (header
 * {@code day,channel,amount}) and checks each: a channel of the enrichment's vocabulary, a date, an
 * amount from 0 with at most two decimals. The first bad row is answered with its field path.
 */
final class SpendInput {

    static final int MAX_ROWS = 100_000;
    private static final CsvMapper CSV = new CsvMapper();

    private SpendInput() {}

    @SuppressWarnings("unchecked")
    static List<SpendRepository.Spend> fromJson(Map<String, Object> body) {
        if (!(body.get("spend") instanceof List<?> rows)) {
            throw new InvalidQueryException("spend", "the body is {\"spend\": [{\"channel\": …, \"day\": …, \"amount\": …}]}");
        }
        List<SpendRepository.Spend> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (!(rows.get(i) instanceof Map<?, ?> row)) {
                throw new InvalidQueryException("spend[" + i + "]", "each row is {\"channel\", \"day\", \"amount\"}");
            }
            out.add(row((Map<String, Object>) row, "spend[" + i + "]."));
        }
        return checked(out);
    }

    static List<SpendRepository.Spend> fromCsv(String csv) {
        List<SpendRepository.Spend> out = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = CSV.readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader().withColumnReordering(true)).readValues(csv)) {
            int line = 2;
            while (it.hasNext()) {
                Map<String, String> row = it.next();
                out.add(row(Map.copyOf(row.entrySet().stream().filter(e -> e.getValue() != null)
                        .collect(java.util.stream.Collectors.toMap(e -> e.getKey().trim(), e -> (Object) e.getValue().trim()))), "line " + line + ": "));
                line++;
                if (out.size() > MAX_ROWS) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            if (e instanceof InvalidQueryException q) {
                throw q;
            }
            throw new InvalidQueryException("csv", "not CSV with the header day,channel,amount: " + e.getMessage());
        }
        return checked(out);
    }

    private static List<SpendRepository.Spend> checked(List<SpendRepository.Spend> rows) {
        if (rows.isEmpty() || rows.size() > MAX_ROWS) {
            throw new InvalidQueryException("spend", "send 1–" + MAX_ROWS + " rows");
        }
        return rows;
    }

    private static SpendRepository.Spend row(Map<String, Object> row, String at) {
        Object channel = row.get("channel");
        if (!(channel instanceof String c) || !Channel.VOCABULARY.contains(c)) {
            throw new InvalidQueryException(at + "channel", "channel is one of " + String.join(", ", new java.util.TreeSet<>(Channel.VOCABULARY)));
        }
        LocalDate day;
        try {
            day = LocalDate.parse(String.valueOf(row.get("day")));
        } catch (DateTimeParseException e) {
            throw new InvalidQueryException(at + "day", "day is a date like 2026-11-25");
        }
        BigDecimal amount;
        try {
            amount = new BigDecimal(String.valueOf(row.get("amount")));
        } catch (NumberFormatException e) {
            throw new InvalidQueryException(at + "amount", "amount is a number like 1200.50");
        }
        if (amount.signum() < 0 || amount.scale() > 2 || amount.compareTo(new BigDecimal("1e15")) >= 0) {
            throw new InvalidQueryException(at + "amount", "amount is from 0 to 10^15 with at most two decimals");
        }
        return new SpendRepository.Spend(c, day, amount);
    }
}
