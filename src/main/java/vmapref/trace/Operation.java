package vmapref.trace;

import vmapref.engine.Hex;

/**
 * One parsed trace line: {@code alloc SIZE ALIGN VSTART VEND}, {@code free ADDR},
 * {@code lazyfree ADDR} or {@code purge}, optionally followed by {@code = RESULT}.
 *
 * @param line 1-based line number in the input
 * @param kind which operation
 * @param args the operation's numbers (4 for alloc, 1 for free and lazyfree, 0 for purge)
 * @param expected the {@code = RESULT} annotation, or null
 */
public record Operation(int line, Kind kind, long[] args, Result expected) {
    /** The four trace operations, with their field names. */
    public enum Kind {
        ALLOC("alloc", "SIZE", "ALIGN", "VSTART", "VEND"),
        FREE("free", "ADDR"),
        LAZYFREE("lazyfree", "ADDR"),
        PURGE("purge");

        final String word;
        final String[] fields;

        Kind(String word, String... fields) {
            this.word = word;
            this.fields = fields;
        }

        /** The operation's name in the trace. */
        public String word() {
            return word;
        }

        /** Names of its fields, for messages and JSON keys. */
        public String[] fields() {
            return fields.clone();
        }
    }

    /**
     * An operation's outcome: an alloc's address, an alloc's {@code EBUSY}, or {@code ok} for the
     * other operations.
     */
    public record Result(Kind kind, boolean ebusy, long address) {
        public static Result ok(Kind kind) {
            return new Result(kind, false, 0);
        }

        public static Result busy() {
            return new Result(Kind.ALLOC, true, 0);
        }

        public static Result address(long address) {
            return new Result(Kind.ALLOC, false, address);
        }

        /** The output line: {@code 0x<lowercase hex>}, {@code EBUSY} or {@code ok}. */
        @Override
        public String toString() {
            if (kind != Kind.ALLOC) {
                return "ok";
            }
            return ebusy ? "EBUSY" : Hex.of(address);
        }
    }

    /**
     * The operation in trace syntax, without any expectation: sizes and alignments in decimal,
     * addresses in hex, e.g. {@code alloc 4096 1 0xffffc90000000000 0xffffe8ffffffffff}.
     */
    public String text() {
        StringBuilder sb = new StringBuilder(kind.word);
        for (int i = 0; i < args.length; i++) {
            boolean decimal = kind == Kind.ALLOC && i < 2;
            sb.append(' ').append(decimal ? Long.toUnsignedString(args[i]) : Hex.of(args[i]));
        }
        return sb.toString();
    }
}
