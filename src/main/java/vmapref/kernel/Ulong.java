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

    /*@ // is_power_of_2(a) on the u64 value of a, in arithmetic form: u(a) = 2^k for some k, 0 <= k
      @ // <= 63, exactly when u(a) lies in [1, 2^63] and divides 2^63 (u(a) is a for a > 0 and 2^63
      @ // for Long.MIN_VALUE, the one negative power of two). proofs/lemmas/power-of-two.smt2 checks
      @ // that it is the kernel's n != 0 && (n & (n - 1)) == 0. It reads no heap location.
      @ public model_behaviour
      @   requires true;
      @   accessible \nothing;
      @ static model boolean powerOfTwo(long a) {
      @   return (a > 0 || a == Long.MIN_VALUE)
      @       && (-(\bigint) Long.MIN_VALUE) % (a > 0 ? (\bigint) a : -(\bigint) Long.MIN_VALUE) == 0;
      @ }
      @*/

    /*@ // ALIGNMENT: for a power of two a, the u64 value v is a multiple of u(a). Written with the
      @ // floor modulus of the signed v, which is the same since u(a) divides 2^64.
      @ public model_behaviour
      @   requires true;
      @   accessible \nothing;
      @ static model boolean aligned(long v, long a) {
      @   return \dl_mod(v, a > 0 ? (\bigint) a : -(\bigint) Long.MIN_VALUE) == 0;
      @ }
      @*/

    /*@ // ALIGN(x, a) does not wrap: x + (a - 1) stays below 2^64 (u(x) <= 2^64 - u(a)), so that
      @ // t = x + (a - 1) wrapped to a long is at or above x, unsigned. The condition of ALIGN-LEMMA
      @ // (2); F-ALIGN-WRAP is the other case. It reads no heap location.
      @ public model_behaviour
      @   requires true;
      @   accessible \nothing;
      @ static model boolean alignFits(long x, long a) {
      @   return x < 0 ? ((long) (x + (a - 1)) < 0 && x <= (long) (x + (a - 1)))
      @       : ((long) (x + (a - 1)) < 0 || x <= (long) (x + (a - 1)));
      @ }
      @*/

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
     * <p>JML: six cases. The first, for every {@code a}, is the frame (terminates, changes
     * nothing). The other five are for {@code a} a power of two ({@link #powerOfTwo}, the
     * kernel's {@code is_power_of_2} in arithmetic form): the result is a multiple of
     * {@code u(a)} ({@code aligned}; spec ALIGN-LEMMA (1)), and its value is
     * {@code t - mod(t, u(a))} with {@code t = x + (a - 1)} wrapped (ALIGN-LEMMA (5)), and, when
     * {@code x + a - 1} does not pass 2^64 ({@code alignFits}), it lies between {@code x} and
     * {@code t}, unsigned (ALIGN-LEMMA (2)); the fifth joins (1) to the whole of (2): when
     * {@code alignFits}, it is the lowest multiple of {@code u(a)} at or above {@code x}; the
     * sixth is the wrap: 0 when {@code x + a - 1} passes 2^64, and below {@code x} exactly then
     * with {@code x != 0} (ALIGN-LEMMA (3) and (4)). Separate cases so that a caller can apply one
     * alone. KeY proves all six (the fifth and the sixth with the SMT solver cvc5 closing the
     * goals that auto mode leaves, products with the symbolic {@code u(a)}) with the two taclets
     * vmapref adds (proofs/rules/, trusted, see proofs/REPORT.md): 2.12.3's rule for {@code ~} on
     * {@code long} never applies, and it does not define {@code &} on {@code long}; the second
     * taclet defines it for the masks {@code -2^k}, an axiom that cvc5 proves over bit vectors
     * (proofs/lemmas/and-mask.smt2). cvc5 also proves the whole of ALIGN-LEMMA over bit vectors,
     * outside KeY (proofs/lemmas/align.smt2).
     */
    /*@ public normal_behavior
      @   assignable \strictly_nothing;
      @ also
      @ public normal_behavior
      @   requires powerOfTwo(a);
      @   ensures aligned(\result, a);
      @   assignable \strictly_nothing;
      @ also
      @ public normal_behavior
      @   requires powerOfTwo(a);
      @   ensures \result == (long) (x + (a - 1))
      @       - \dl_mod((long) (x + (a - 1)), a > 0 ? (\bigint) a : -(\bigint) Long.MIN_VALUE);
      @   assignable \strictly_nothing;
      @ also
      @ public normal_behavior
      @   // ALIGN-LEMMA (2): when x + a - 1 does not pass 2^64 (unsigned: x <= t), x <= ALIGN(x) <= t
      @   requires powerOfTwo(a);
      @   requires alignFits(x, a);
      @   ensures x < 0 ? (\result < 0 && x <= \result) : (\result < 0 || x <= \result);
      @   ensures \result < 0 ? ((long) (x + (a - 1)) < 0 && \result <= (long) (x + (a - 1)))
      @       : ((long) (x + (a - 1)) < 0 || \result <= (long) (x + (a - 1)));
      @   assignable \strictly_nothing;
      @ also
      @ public normal_behavior
      @   // ALIGN-LEMMA (1) and (2), the lowest multiple: ALIGN(x) is a multiple of u(a); when
      @   // x + a - 1 does not pass 2^64, it is at or above x, and so is every multiple of u(a) at or
      @   // above x at or above it
      @   requires powerOfTwo(a);
      @   ensures aligned(\result, a);
      @   ensures alignFits(x, a)
      @       ==> (x < 0 ? (\result < 0 && x <= \result) : (\result < 0 || x <= \result))
      @           && (\forall long m; aligned(m, a) && (x < 0 ? (m < 0 && x <= m) : (m < 0 || x <= m));
      @               \result < 0 ? (m < 0 && \result <= m) : (m < 0 || \result <= m));
      @   assignable \strictly_nothing;
      @ also
      @ public normal_behavior
      @   // ALIGN-LEMMA (3) and (4): when x + a - 1 passes 2^64, ALIGN(x) is 0 (F-ALIGN-WRAP); and
      @   // ALIGN(x) < x, unsigned (the callers' wrap test), exactly when it passed and x != 0
      @   requires powerOfTwo(a);
      @   ensures !alignFits(x, a) ==> \result == 0;
      @   ensures (\result < 0 ? (x < 0 && \result < x) : (x < 0 || \result < x))
      @       <==> (!alignFits(x, a) && x != 0);
      @   assignable \strictly_nothing;
      @*/
    public static long align(long x, long a) {
        return (x + (a - 1)) & ~(a - 1);
    }

    /**
     * The kernel's {@code is_power_of_2(n)}: {@code n != 0 && (n & (n - 1)) == 0}. JML: the
     * {@code n != 0} half only (the added taclet defines {@code &} on {@code long} only for the
     * masks {@code -2^k}). That it is the model method {@link #powerOfTwo} is proven by cvc5
     * (proofs/lemmas/power-of-two.smt2), not by KeY.
     */
    /*@ public normal_behavior
      @   ensures \result ==> n != 0;
      @   assignable \strictly_nothing;
      @*/
    public static boolean isPowerOf2(long n) {
        return n != 0 && (n & (n - 1)) == 0;
    }
}
