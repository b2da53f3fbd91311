package vmapref.kernel;

/**
 * C {@code unsigned long} (64-bit) arithmetic on Java {@code long}s.
 *
 * <p>Java's {@code +}, {@code -} and {@code &} on {@code long} already wrap modulo 2^64 exactly as
 * C's unsigned arithmetic does; only comparisons differ, so every comparison of kernel values goes
 * through this class. A comparison flips the sign bit of both sides (adds 2^63, which wraps) and
 * compares as signed: plain Java arithmetic that a verifier with Java integer semantics models
 * exactly. Spec: ARITH-1 in spec/SPEC.md.
 */
public final class Ulong {
    private Ulong() {
    }

    /** {@code a < b} on unsigned 64-bit values. */
    public static boolean lt(long a, long b) {
        return a + Long.MIN_VALUE < b + Long.MIN_VALUE;
    }

    /** {@code a <= b} on unsigned 64-bit values. */
    public static boolean le(long a, long b) {
        return a + Long.MIN_VALUE <= b + Long.MIN_VALUE;
    }

    /** {@code a > b} on unsigned 64-bit values. */
    public static boolean gt(long a, long b) {
        return a + Long.MIN_VALUE > b + Long.MIN_VALUE;
    }

    /** {@code a >= b} on unsigned 64-bit values. */
    public static boolean ge(long a, long b) {
        return a + Long.MIN_VALUE >= b + Long.MIN_VALUE;
    }

    /**
     * The kernel's {@code ALIGN(x, a)} ({@code __ALIGN_KERNEL}): {@code (x + (a - 1)) & ~(a - 1)},
     * wrapping to a small value (0 for a power of two) when {@code x + a - 1} passes 2^64.
     */
    public static long align(long x, long a) {
        return (x + (a - 1)) & ~(a - 1);
    }

    /** The kernel's {@code is_power_of_2(n)}: {@code n != 0 && (n & (n - 1)) == 0}. */
    public static boolean isPowerOf2(long n) {
        return n != 0 && (n & (n - 1)) == 0;
    }
}
