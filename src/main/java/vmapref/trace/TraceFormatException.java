package vmapref.trace;

/** A trace line that cannot be parsed; the message is {@code line N: <reason>}. */
public final class TraceFormatException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int line;

    public TraceFormatException(int line, String reason) {
        super("line " + line + ": " + reason);
        this.line = line;
    }

    /** The 1-based line number. */
    public int line() {
        return line;
    }
}
