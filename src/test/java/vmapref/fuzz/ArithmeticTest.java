package vmapref.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import vmapref.kernel.Ulong;
import vmapref.kernel.VmapArea;

/**
 * ARITH-1, ALIGN-LEMMA and ARITH-2 (spec/SPEC.md): the port's {@code unsigned long} comparisons,
 * {@code ALIGN()} and page count agree with exact arithmetic modulo 2^64, on values biased towards
 * the edges (0, 2^63, 2^64 - 1 and their neighbours) where sign tricks go wrong; and the claims
 * that proofs/lemmas/ proves with cvc5 (its hand transcription) hold on the JVM.
 */
class ArithmeticTest {
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    @Provide
    Arbitrary<Long> edgy() {
        return Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.longs()),
                Tuple.of(1, Arbitraries.of(0L, 1L, -1L, -2L, Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE + 1,
                        0xffffc90000000000L, 0xffffe8ffffffffffL, 4096L)));
    }

    @Provide
    Arbitrary<Long> powersOfTwo() {
        return Arbitraries.integers().between(0, 63).map(k -> 1L << k);
    }

    private static BigInteger u(long x) {
        return new BigInteger(Long.toUnsignedString(x));
    }

    @Property
    @Label("ARITH-1: lt, le, gt, ge are the unsigned 64-bit order")
    void ARITH_1_comparisons(@ForAll("edgy") long a, @ForAll("edgy") long b) {
        int c = u(a).compareTo(u(b));
        assertEquals(c < 0, Ulong.lt(a, b), "lt");
        assertEquals(c <= 0, Ulong.le(a, b), "le");
        assertEquals(c > 0, Ulong.gt(a, b), "gt");
        assertEquals(c >= 0, Ulong.ge(a, b), "ge");
    }

    @Property
    @Label("ARITH-1: ALIGN(x, a) is x rounded up to a multiple of a, modulo 2^64 (0 when it wraps)")
    void ARITH_1_align(@ForAll("edgy") long x, @ForAll("powersOfTwo") long a) {
        BigInteger up = u(x).add(u(a)).subtract(BigInteger.ONE).divide(u(a)).multiply(u(a)).mod(TWO_64);
        assertEquals(up, u(Ulong.align(x, a)));
    }

    @Property
    @Label("ALIGN-LEMMA: the claims proven in proofs/lemmas/align.smt2 hold for the JVM's ALIGN()")
    void ALIGN_LEMMA(@ForAll("edgy") long x, @ForAll("powersOfTwo") long a) {
        long r = Ulong.align(x, a);
        boolean wraps = u(x).add(u(a)).subtract(BigInteger.ONE).compareTo(TWO_64) >= 0;
        assertEquals(BigInteger.ZERO, u(r).mod(u(a)), "ALIGN-LEMMA.1: a multiple of a");
        if (wraps) {
            assertEquals(0L, r, "ALIGN-LEMMA.3: 0 after wrap-around");
        } else {
            assertTrue(u(x).compareTo(u(r)) <= 0 && u(r).compareTo(u(x).add(u(a))) < 0,
                    "ALIGN-LEMMA.2: x <= ALIGN(x, a) < x + a");
        }
        assertEquals(wraps && x != 0, Ulong.lt(r, x), "ALIGN-LEMMA.4: the callers' wrap test");
    }

    @Property
    @Label("AND-MASK: the added taclet andJlongLowBitsClear (proofs/lemmas/and-mask.smt2) holds for the JVM's &")
    void AND_MASK(@ForAll("edgy") long t, @ForAll("powersOfTwo") long a) {
        long m = -a;
        BigInteger p = BigInteger.valueOf(m).negate();
        BigInteger twoTo63 = BigInteger.ONE.shiftLeft(63);
        assertTrue(m <= -1 && twoTo63.mod(p).signum() == 0, "the taclet's condition holds for every mask -2^k");
        BigInteger cleared = BigInteger.valueOf(t).subtract(BigInteger.valueOf(t).mod(p));
        assertEquals(cleared, BigInteger.valueOf(t & m), "t & m == t - mod(t, -m), mod the floor modulus");
    }

    @Property
    @Label("POWER-OF-TWO: the JML model method powerOfTwo (proofs/lemmas/power-of-two.smt2) is is_power_of_2")
    void POWER_OF_TWO(@ForAll("edgy") long n) {
        BigInteger twoTo63 = BigInteger.ONE.shiftLeft(63);
        boolean jml = (n > 0 || n == Long.MIN_VALUE) && twoTo63.mod(u(n)).signum() == 0;
        assertEquals(Ulong.isPowerOf2(n), jml);
    }

    @Property
    @Label("ARITH-2: pages() is (va_end - va_start) >> PAGE_SHIFT on unsigned long (Java's >>>)")
    void ARITH_2_pages(@ForAll("edgy") long start, @ForAll("edgy") long end) {
        assertEquals((end - start) >>> VmapArea.PAGE_SHIFT, new VmapArea(start, end).pages());
    }

    @Property
    @Label("ARITH-1: is_power_of_2")
    void ARITH_1_isPowerOf2(@ForAll("edgy") long n) {
        assertEquals(n != 0 && Long.bitCount(n) == 1, Ulong.isPowerOf2(n));
    }
}
