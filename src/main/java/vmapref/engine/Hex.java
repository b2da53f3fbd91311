package vmapref.engine;

import vmapref.kernel.VmapArea;

/** How vmapref prints kernel values: {@code 0x} and lowercase hex digits, no leading zeros. */
public final class Hex {
    private Hex() {
    }

    /** {@code 0x} followed by lowercase hex digits ({@code 0x0} for zero). */
    public static String of(long x) {
        return "0x" + Long.toHexString(x);
    }

    /** {@code [start, end)} of an area, in hex. */
    public static String range(VmapArea va) {
        return "[" + of(va.vaStart) + ", " + of(va.vaEnd) + ")";
    }
}
