package com.dataeye.bench;

import com.dataeye.analytics.store.ImportRows;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Where an import load's DuckDB time goes (docs/benchmarks.md, issue 3, session 6): import-chunk CSV files
 * (the format of {@code ImportCsv}) loaded into a fresh events table on one DuckDB thread, in groups of
 * {@code -Dgroup=N} files per INSERT (a chunk), the calling thread's CPU per row printed. Modes: {@code full}
 * (as the import: read_csv straight into the table), {@code parse} (read and count every column, nothing
 * stored), {@code temp} (into an in-memory table), {@code storeonly} (from an in-memory table already
 * read, so only the insert is timed). An optional fourth argument names the columns to keep.
 *
 * <p>The files used in docs/benchmarks.md are the server's own: a 2M-line {@code ImportBench} run with
 * {@code ImportChunkFile#delete} changed to move the file aside.
 *
 * <pre>java -Dgroup=1 -cp "bench/target/dataeye-bench.jar:bench/target/lib/*" com.dataeye.bench.LoadAnatomyBench DIR 10 full</pre>
 */
public final class LoadAnatomyBench {

    /** The import rows' columns, in their order (the names of {@link ImportRows#CSV_COLUMNS}). */
    private static final List<String> NAMES = java.util.regex.Pattern.compile("(\\w+): '").matcher(ImportRows.CSV_COLUMNS)
            .results().map(m -> m.group(1)).toList();

    private LoadAnatomyBench() {}

    private static String csv(List<Path> files) {
        String list = files.stream().map(f -> "'" + f.toAbsolutePath().toString().replace("'", "''") + "'").collect(Collectors.joining(", "));
        return "read_csv([" + list + "], header = false, delim = ',', quote = '\"', escape = '\"', nullstr = '', "
                + "allow_quoted_nulls = false, auto_detect = false, max_line_size = 8388608, columns = " + ImportRows.CSV_COLUMNS + ")";
    }

    /** The columns as stored: the two timestamps made TIMESTAMPTZ as the import does. */
    private static String stored(List<String> cols) {
        return cols.stream().map(c -> c.equals("ts") || c.equals("received_at") ? "make_timestamp(" + c + ")::TIMESTAMPTZ AS " + c : c)
                .collect(Collectors.joining(", "));
    }

    public static void main(String[] args) throws Exception {
        List<Path> files;
        try (var s = Files.list(Path.of(args[0]))) {
            files = s.filter(p -> p.toString().endsWith(".csv")).sorted().limit(Long.parseLong(args[1])).toList();
        }
        String mode = args[2];
        List<String> cols = args.length > 3 ? List.of(args[3].split(",")) : NAMES;
        int group = Integer.getInteger("group", 48);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Path dir = Files.createTempDirectory("dataeye-load-anatomy-");
        Properties props = new Properties();
        props.setProperty("threads", "1");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("events.duckdb"), props);
             Statement st = c.createStatement()) {
            st.execute("CREATE TABLE events AS SELECT " + stored(cols) + " FROM " + csv(files.subList(0, 1)) + " LIMIT 0");
            c.setAutoCommit(false);
            long rows = 0;
            long cpu = 0;
            for (int i = 0; i < files.size(); i += group) {
                List<Path> chunk = files.subList(i, Math.min(files.size(), i + group));
                if (mode.equals("storeonly")) {
                    st.execute("CREATE TEMP TABLE t AS SELECT * FROM " + csv(chunk));
                    c.commit();
                }
                long start = threads.getCurrentThreadCpuTime();
                switch (mode) {
                    case "full" -> st.execute("INSERT INTO events SELECT " + stored(cols) + " FROM " + csv(chunk));
                    case "parse" -> {
                        try (ResultSet rs = st.executeQuery("SELECT " + cols.stream().map(x -> "count(" + x + ")")
                                .collect(Collectors.joining(", ")) + " FROM " + csv(chunk))) {
                            rs.next();
                        }
                    }
                    case "temp" -> st.execute("CREATE OR REPLACE TEMP TABLE t2 AS SELECT " + stored(cols) + " FROM " + csv(chunk));
                    case "storeonly" -> st.execute("INSERT INTO events SELECT " + stored(cols) + " FROM t");
                    default -> throw new IllegalArgumentException("mode: full, parse, temp or storeonly");
                }
                c.commit();
                cpu += threads.getCurrentThreadCpuTime() - start;
                if (mode.equals("storeonly")) {
                    st.execute("DROP TABLE t");
                    c.commit();
                }
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + csv(chunk))) {
                    rs.next();
                    rows += rs.getLong(1);
                }
            }
            System.out.printf(Locale.ROOT, "%s, %s columns, %,d rows in groups of %d files: %.2f µs/row on the loading thread%n",
                    mode, args.length > 3 ? Arrays.toString(args[3].split(",")) : "all " + NAMES.size(), rows, group, cpu / 1e3 / rows);
        } finally {
            try (var all = Files.walk(dir)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
