package vmapref.kernel;

/**
 * C {@code unsigned long} (64-bit) arithmetic on Java {@code long}s.
 *
 * <p>Java's {@code +}, {@code -} and {@code &} on {@code long} already wrap modulo 2^64 exactly as
 * C's unsigned arithmetic does; only comparisons differ, so every comparison of kernel values goes
 * through this class. A comparison flips the sign bit of both sides (adds 2^63, which wraps) and
 * compares as signed: plain Java arithmetic that a verifier with Java integer semantics models
 * exactly. Spec: ARITH-1 in spec/SPEC.md.
 *
 * <p>JML: each comparison is specified in sign-split form: with the mathematical unsigned value
 * {@code u(x) = x >= 0 ? x : x + 2^64}, a negative {@code x} is exactly one with
 * {@code u(x) >= 2^63}, and on two values of the same sign {@code u} preserves the signed order, so
 * {@code u(a) < u(b)} iff {@code (a < 0 ? (b < 0 && a < b) : (b < 0 || a < b))}. The contracts of
 * {@link VmapAreaTree} and {@link FreeVmapCache} use the same form: KeY reasons about it without
 * 2^64 arithmetic.
 */
public final class Ulong {
    /** No instances: the class holds static helpers only. */
    /*@ private normal_behavior
      @   assignable \nothing;
      @*/
    private Ulong() {
    }

    /** {@code a < b} on unsigned 64-bit values. */
    /*@ public normal_behavior
      @   ensures \result <==> (a < 0 ? (b < 0 && a < b) : (b < 0 || a < b));
      @   assignable \strictly_nothing;
      @*/
    public static boolean lt(long a, long b) {
        return a + Long.MIN_VALUE < b + Long.MIN_VALUE;
    }

    /** {@code a <= b} on unsigned 64-bit values. */
    /*@ public normal_behavior
      @   ensures \result <==> (a < 0 ? (b < 0 && a <= b) : (b < 0 || a <= b));
      @   assignable \strictly_nothing;
      @*/
    public static boolean le(long a, long b) {
        return a + Long.MIN_VALUE <= b + Long.MIN_VALUE;
    }

    /** {@code a > b} on unsigned 64-bit values. */
    /*@ public normal_behavior
      @   ensures \result <==> (b < 0 ? (a < 0 && b < a) : (a < 0 || b < a));
      @   assignable \strictly_nothing;
      @*/
    public static boolean gt(long a, long b) {
        return a + Long.MIN_VALUE > b + Long.MIN_VALUE;
    }

    /** {@code a >= b} on unsigned 64-bit values. */
    /*@ public normal_behavior
      @   ensures \result <==> (b < 0 ? (a < 0 && b <= a) : (a < 0 || b <= a));
      @   assignable \strictly_nothing;
      @*/
    public static boolean ge(long a, long b) {
        return a + Long.MIN_VALUE >= b + Long.MIN_VALUE;
    }

    /**
     * The kernel's {@code ALIGN(x, a)} ({@code __ALIGN_KERNEL}): {@code (x + (a - 1)) & ~(a - 1)},
     * wrapping to a small value (0 for a power of two) when {@code x + a - 1} passes 2^64.
     *
     * <p>JML: only the frame, proven with one taclet added to KeY 2.12.3, whose own rule for
     * {@code ~} on {@code long} never applies (proofs/rules/bitwiseNegationLong.key; trusted, see
     * proofs/REPORT.md). KeY 2.12.3 has no definition of {@code &} on {@code long}, so the value
     * is not in the JML. The value is spec ALIGN-LEMMA (for {@code a} a
     * power of two: a multiple of {@code a}; without wrap-around the lowest one at or above
     * {@code x}; with it 0), proven outside KeY by the SMT solver cvc5 over 64-bit bit vectors,
     * in which {@code +}, {@code -}, {@code &} and {@code ~} are Java's operations on
     * {@code long}: proofs/lemmas/align.smt2. It is not in the JML: KeY could not prove it, and
     * with it as a postcondition {@code alignTraced}'s proof no longer closed within its step
     * budget (82,649 steps against 80,000; session 28).
     */
    /*@ public normal_behavior
      @   assignable \strictly_nothing;
      @*/
    public static long align(long x, long a) {
        return (x + (a - 1)) & ~(a - 1);
    }

    /**
     * The kernel's {@code is_power_of_2(n)}: {@code n != 0 && (n & (n - 1)) == 0}. JML: the
     * {@code n != 0} half only ({@code &} on {@code long} has no definition in KeY).
     */
    /*@ public normal_behavior
      @   ensures \result ==> n != 0;
      @   assignable \strictly_nothing;
      @*/
    public static boolean isPowerOf2(long n) {
        return n != 0 && (n & (n - 1)) == 0;
    }
}
