package io.crmbridge.intake;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads a text as physical lines, each with the terminator that ended it ({@code \r\n}, {@code \n}
 * or a lone {@code \r}, the three line ends commons-csv accepts), numbered from 1. A line longer than
 * {@code maxChars} keeps its first {@code maxChars} characters and is marked {@link PhysicalLine#cut()};
 * the rest of it is read and dropped, so that memory stays bounded whatever the file holds.
 *
 * <p>Not thread-safe; does not close the reader.
 */
final class PhysicalLineReader {

    private final Reader in;
    private final int maxChars;
    private final char[] buffer = new char[8192];
    private int position;
    private int limit;
    private long lineNumber;

    /**
     * @param maxChars characters of a line that are kept, at least 1
     */
    PhysicalLineReader(Reader in, int maxChars) {
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars must be at least 1, was " + maxChars);
        }
        this.in = in;
        this.maxChars = maxChars;
    }

    /**
     * The next line, or null at the end of the text. A text that ends with a terminator has no
     * empty line after it.
     *
     * @throws IOException when the text cannot be read
     */
    PhysicalLine next() throws IOException {
        if (!fill()) {
            return null;
        }
        // a line that ends inside the buffer (nearly all of them) becomes its String at once; a
        // longer one is gathered across refills
        StringBuilder gathered = null;
        boolean cut = false;
        while (fill()) {
            int start = position;
            while (position < limit && buffer[position] != '\n' && buffer[position] != '\r') {
                position++;
            }
            int kept = gathered == null ? 0 : gathered.length();
            int length = Math.min(position - start, maxChars - kept);
            cut |= length < position - start;
            String text = null;
            if (position < limit && gathered == null) {
                text = new String(buffer, start, length);
            } else {
                gathered = gathered == null ? new StringBuilder(Math.max(16, length * 2)) : gathered;
                gathered.append(buffer, start, length);
            }
            if (position < limit) {
                char end = buffer[position++];
                String terminator = "\n";
                if (end == '\r') {
                    terminator = fill() && buffer[position] == '\n' ? "\r\n" : "\r";
                    if (terminator.length() == 2) {
                        position++;
                    }
                }
                return new PhysicalLine(++lineNumber, text != null ? text : gathered.toString(), terminator, cut);
            }
        }
        return new PhysicalLine(++lineNumber, gathered == null ? "" : gathered.toString(), "", cut);
    }

    /** Physical lines read so far: the number of the last line returned. */
    long linesRead() {
        return lineNumber;
    }

    /** Whether a character is available, reading more when the buffer is used up. */
    private boolean fill() throws IOException {
        while (position >= limit) {
            int n = in.read(buffer, 0, buffer.length);
            if (n < 0) {
                return false;
            }
            position = 0;
            limit = n;
        }
        return true;
    }

    /**
     * One physical line.
     *
     * @param number     1-based line number in the text
     * @param text       the line without its terminator (its first characters only when {@code cut})
     * @param terminator {@code "\r\n"}, {@code "\n"}, {@code "\r"}, or empty for a last line without one
     * @param cut        true when the line was longer than the reader's bound and {@code text} holds its start
     */
    record PhysicalLine(long number, String text, String terminator, boolean cut) {
    }
}
