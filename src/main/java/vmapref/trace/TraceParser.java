package vmapref.trace;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads a trace (docs/user-guide.md, "Trace format") one operation at a time, streaming: one
 * operation per line, blank lines and {@code #} comments ignored, numbers decimal or {@code 0x}
 * hexadecimal, unsigned 64-bit, and an optional {@code = RESULT} after the operation.
 *
 * <p>Every malformed line is reported as a {@link TraceFormatException} naming the line and what
 * is wrong; nothing else escapes except the reader's {@link IOException}.
 */
public final class TraceParser {
    /** Longest line accepted, in characters; a longer one is an error, not an out-of-memory. */
    public static final int MAX_LINE = 4096;

    private final Reader in;
    private final StringBuilder buf = new StringBuilder();
    private int lineNo;
    private boolean eof;

    public TraceParser(Reader in) {
        this.in = in;
    }

    /** The next operation, or null at the end of the input. */
    public Operation next() throws IOException, TraceFormatException {
        while (!eof) {
            String line = readLine();
            if (line == null) {
                return null;
            }
            Operation op = parseLine(line, lineNo);
            if (op != null) {
                return op;
            }
        }
        return null;
    }

    private String readLine() throws IOException, TraceFormatException {
        buf.setLength(0);
        int c = in.read();
        if (c < 0) {
            eof = true;
            return null;
        }
        lineNo++;
        while (c >= 0 && c != '\n') {
            if (buf.length() == MAX_LINE) {
                throw new TraceFormatException(lineNo, "line longer than " + MAX_LINE + " characters");
            }
            buf.append((char) c);
            c = in.read();
        }
        if (c < 0) {
            eof = true;
        }
        int len = buf.length();
        if (len > 0 && buf.charAt(len - 1) == '\r') {
            buf.setLength(len - 1);
        }
        return buf.toString();
    }

    /**
     * Parses one line.
     *
     * @return the operation, or null for a blank or comment-only line
     */
    public static Operation parseLine(String line, int lineNo) throws TraceFormatException {
        int hash = line.indexOf('#');
        String body = hash >= 0 ? line.substring(0, hash) : line;
        String expectation = null;
        int eq = body.indexOf('=');
        if (eq >= 0) {
            expectation = stripBlanks(body.substring(eq + 1));
            body = body.substring(0, eq);
        }
        String[] words = stripBlanks(body).split("[ \t]+");
        if (words.length == 1 && words[0].isEmpty()) {
            if (expectation != null) {
                throw new TraceFormatException(lineNo, "'= RESULT' without an operation");
            }
            return null;
        }
        Operation.Kind kind = kindOf(words[0], lineNo);
        int want = kind.fields.length;
        if (words.length - 1 < want) {
            throw new TraceFormatException(lineNo, kind.word + " needs " + want + " field"
                    + (want == 1 ? "" : "s") + " (" + usage(kind) + "), got " + (words.length - 1));
        }
        if (words.length - 1 > want) {
            throw new TraceFormatException(lineNo, "extra field '" + words[want + 1] + "' after " + usage(kind));
        }
        long[] args = new long[want];
        for (int i = 0; i < want; i++) {
            args[i] = parseNumber(words[i + 1], kind.fields[i], lineNo);
        }
        Operation.Result expected = expectation == null ? null : parseResult(kind, expectation, lineNo);
        return new Operation(lineNo, kind, args, expected);
    }

    /** The text without leading and trailing spaces and tabs (other characters are kept, and rejected later). */
    private static String stripBlanks(String text) {
        int from = 0;
        int to = text.length();
        while (from < to && (text.charAt(from) == ' ' || text.charAt(from) == '\t')) {
            from++;
        }
        while (to > from && (text.charAt(to - 1) == ' ' || text.charAt(to - 1) == '\t')) {
            to--;
        }
        return text.substring(from, to);
    }

    private static String usage(Operation.Kind kind) {
        StringBuilder sb = new StringBuilder(kind.word);
        for (String f : kind.fields) {
            sb.append(' ').append(f);
        }
        return sb.toString();
    }

    private static Operation.Kind kindOf(String word, int lineNo) throws TraceFormatException {
        for (Operation.Kind k : Operation.Kind.values()) {
            if (k.word.equals(word)) {
                return k;
            }
        }
        throw new TraceFormatException(lineNo, "unknown operation '" + printable(word)
                + "' (expected alloc, free, lazyfree or purge)");
    }

    /**
     * An unsigned 64-bit number: decimal digits, or {@code 0x}/{@code 0X} and hex digits.
     */
    static long parseNumber(String word, String field, int lineNo) throws TraceFormatException {
        boolean hex = word.length() > 2 && word.charAt(0) == '0' && (word.charAt(1) == 'x' || word.charAt(1) == 'X');
        String digits = hex ? word.substring(2) : word;
        int radix = hex ? 16 : 10;
        boolean ok = !digits.isEmpty();
        for (int i = 0; i < digits.length() && ok; i++) {
            ok = Character.digit(digits.charAt(i), radix) >= 0 && digits.charAt(i) < 128;
        }
        if (!ok) {
            throw new TraceFormatException(lineNo, field + " '" + printable(word)
                    + "' is not a number (decimal, or hexadecimal with 0x)");
        }
        try {
            return Long.parseUnsignedLong(digits, radix);
        } catch (NumberFormatException e) {
            throw new TraceFormatException(lineNo, field + " " + printable(word)
                    + " does not fit in 64 bits (unsigned long)");
        }
    }

    private static Operation.Result parseResult(Operation.Kind kind, String text, int lineNo)
            throws TraceFormatException {
        if (kind != Operation.Kind.ALLOC) {
            if (!text.equals("ok")) {
                throw new TraceFormatException(lineNo, "expected result of " + kind.word + " must be 'ok', not '"
                        + printable(text) + "'");
            }
            return Operation.Result.ok(kind);
        }
        if (text.equals("EBUSY")) {
            return Operation.Result.busy();
        }
        if (!text.startsWith("0x") && !text.startsWith("0X")) {
            throw new TraceFormatException(lineNo, "expected result of alloc must be 0x<hex> or EBUSY, not '"
                    + printable(text) + "'");
        }
        return Operation.Result.address(parseNumber(text, "RESULT", lineNo));
    }

    /** The word with control and non-ASCII characters escaped, for error messages. */
    static String printable(String word) {
        StringBuilder sb = new StringBuilder();
        int limit = Math.min(word.length(), 40);
        for (int i = 0; i < limit; i++) {
            char c = word.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                sb.append(c);
            } else {
                sb.append(String.format("\\u%04x", (int) c));
            }
        }
        if (word.length() > limit) {
            sb.append("...");
        }
        return sb.toString();
    }
}
