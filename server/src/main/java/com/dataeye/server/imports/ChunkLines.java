package com.dataeye.server.imports;

import java.util.Arrays;

/**
 * Where the lines of an import chunk lie in its body, with their line numbers in the file: blank
 * lines count but carry no event, a {@code \r\n} ending is cut, and a last line without a newline
 * (a file cut in the middle) is kept, so the reader can say it is broken.
 */
final class ChunkLines {

    final int count;
    final int[] starts;
    final int[] ends;
    final long[] numbers;
    /** Lines of the file this chunk covers, blank ones included. */
    final long fileLines;

    private ChunkLines(int count, int[] starts, int[] ends, long[] numbers, long fileLines) {
        this.count = count;
        this.starts = starts;
        this.ends = ends;
        this.numbers = numbers;
        this.fileLines = fileLines;
    }

    static ChunkLines split(byte[] body, long firstLine) {
        return split(body, body.length, firstLine);
    }

    /** The lines of the first {@code length} bytes of {@code body} (a reused buffer may be longer). */
    static ChunkLines split(byte[] body, int length, long firstLine) {
        int capacity = 1024;
        int[] starts = new int[capacity];
        int[] ends = new int[capacity];
        long[] numbers = new long[capacity];
        int n = 0;
        long line = firstLine;
        int start = 0;
        while (start <= length) {
            int nl = nextNewline(body, start, length);
            int i = nl < 0 ? length : nl;
            int end = i > start && body[i - 1] == '\r' ? i - 1 : i;
            if (end > start && !isBlank(body, start, end)) {
                if (n == capacity) {
                    capacity *= 2;
                    starts = Arrays.copyOf(starts, capacity);
                    ends = Arrays.copyOf(ends, capacity);
                    numbers = Arrays.copyOf(numbers, capacity);
                }
                starts[n] = start;
                ends[n] = end;
                numbers[n] = line;
                n++;
            }
            if (nl < 0) {
                break;
            }
            line++;
            start = nl + 1;
        }
        long lines = line - firstLine + (length > 0 && body[length - 1] != '\n' ? 1 : 0);
        return new ChunkLines(n, starts, ends, numbers, lines);
    }

    /** The index of the next {@code '\n'} from {@code from}, or -1 ({@link Newlines}). */
    static int nextNewline(byte[] b, int from) {
        return nextNewline(b, from, b.length);
    }

    static int nextNewline(byte[] b, int from, int to) {
        return Newlines.next(b, from, to);
    }

    private static boolean isBlank(byte[] b, int start, int end) {
        for (int i = start; i < end; i++) {
            if (b[i] != ' ' && b[i] != '\t') {
                return false;
            }
        }
        return true;
    }
}
