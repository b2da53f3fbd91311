package vmapref.fuzz;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;

/**
 * jqwik generators of {@link Program}s that reach the hard states of the v4.5 allocator: ranges
 * that fill up and overflow, several ranges sharing one tree, ranges at the top of the address
 * space, sizes from one page to tens of MiB (and, rarely, 2^31 and 2^32 pages), alignments from 1
 * to 2^63, lazy frees whose total crosses {@code lazy_max_pages()}, frees of live areas.
 * {@code PropertiesTest#generatorsReachEveryKernelPath} checks with jqwik coverage statistics that
 * they do.
 */
final class Generators {
    private Generators() {
    }

    /** 4 KiB. */
    static final long PAGE = 4096;

    /**
     * The general generator: 1 to 3 ranges sharing the tree (random ones, or a set chosen to meet:
     * a tiny range inside the vmalloc range, two ranges that touch, the two top ranges, the vmalloc
     * range alone, a tiny range alone that fills up), and 1 to 120 steps of all four kinds.
     */
    static Arbitrary<Program> programs() {
        Arbitrary<List<Range>> rangeSets = Arbitraries.frequencyOf(
                Tuple.of(6, ranges().list().ofMinSize(1).ofMaxSize(3)),
                Tuple.of(1, Arbitraries.just(List.of(Range.VMALLOC, Range.TINY_IN_VMALLOC))),
                Tuple.of(1, Arbitraries.just(List.of(Range.SPLIT_LOW, Range.SPLIT_HIGH))),
                Tuple.of(1, Arbitraries.just(List.of(Range.TOP, Range.TOP_PAGE))),
                Tuple.of(1, Arbitraries.just(List.of(Range.VMALLOC))),
                Tuple.of(2, Arbitraries.just(List.of(Range.TINY_LOW))));
        Arbitrary<List<Step>> steps = steps(allKinds(), sizes()).list().ofMinSize(1).ofMaxSize(120)
                .withSizeDistribution(RandomDistribution.uniform());
        return Combinators.combine(rangeSets, steps).as(Program::new);
    }

    /**
     * PROP-AGREE's first class: one range, alignment at most PAGE_SIZE, only allocations and LIFO
     * frees (each free frees the highest live area, which is the most recent live allocation).
     */
    static Arbitrary<Program> lifoPrograms() {
        Arbitrary<Step> alloc = Combinators.combine(ordinarySizes(), Arbitraries.of(1L, 2L, 1024L, PAGE))
                .as((size, align) -> Step.alloc(size, align, 0));
        Arbitrary<Step> step = Arbitraries.frequencyOf(Tuple.of(3, alloc), Tuple.of(2, Arbitraries.just(Step.free(-1))));
        return Combinators.combine(ranges().list().ofSize(1),
                step.list().ofMaxSize(80).withSizeDistribution(RandomDistribution.uniform())).as(Program::new);
    }

    /**
     * Allocations whose {@code vstart} strictly decreases from one to the next, in one tree with
     * frees, lazy frees and purges between them: each one resets the cache ({@code vstart <
     * cached_vstart}), so each one takes the tree path.
     */
    static Arbitrary<Program> decreasingVstartPrograms() {
        return steps(allKinds(), ordinarySizes()).list().ofMaxSize(60).withSizeDistribution(RandomDistribution.uniform())
                .map(steps -> withMonotoneVstarts(steps, -PAGE));
    }

    /**
     * Allocations whose {@code vstart} strictly increases by {@code step} times 1 to 8 from one to
     * the next (the class PROP-AGREE's spec text names; it is not inside PROP-AGREE, see
     * docs/findings.md S-AGREE-INCREASING).
     */
    static Arbitrary<Program> increasingVstartPrograms(long step) {
        return steps(allKinds(), ordinarySizes()).list().ofMaxSize(60).withSizeDistribution(RandomDistribution.uniform())
                .map(steps -> withMonotoneVstarts(steps, step));
    }

    private static Program withMonotoneVstarts(List<Step> steps, long step) {
        List<Range> ranges = new ArrayList<>();
        List<Step> out = new ArrayList<>();
        long vstart = Range.VMALLOC.vstart() + 0x100000000L;
        for (Step s : steps) {
            if (s.kind() == Step.Kind.ALLOC) {
                vstart += step * (1 + (s.pick() & 7));
                ranges.add(new Range("decreasing", vstart, Range.VMALLOC.vend()));
                out.add(Step.alloc(s.size(), s.align(), ranges.size() - 1));
            } else {
                out.add(s);
            }
        }
        if (ranges.isEmpty()) {
            ranges.add(Range.VMALLOC);
        }
        return new Program(ranges, out);
    }

    /**
     * The 32-bit counters (ARITH-2, INV-LAZY, F-NR-TRUNC): the vmalloc range alone, areas of 2^31 -
     * 1, 2^31, 2^32 and 2^32 + 1 pages among small ones, many lazy frees and purges.
     */
    static Arbitrary<Program> counterPrograms() {
        Arbitrary<Long> sizes = Arbitraries.frequencyOf(
                Tuple.of(3, ordinarySizes()),
                Tuple.of(2, Arbitraries.of((1L << 31) - 1, 1L << 31, 1L << 32, (1L << 32) + 1).map(p -> p * PAGE)));
        Arbitrary<List<Step>> steps = steps(new Kinds(30, 5, 40, 15), sizes).list().ofMinSize(1).ofMaxSize(40)
                .withSizeDistribution(RandomDistribution.uniform());
        return steps.map(s -> new Program(List.of(Range.VMALLOC), s));
    }

    static Arbitrary<Range> ranges() {
        return Arbitraries.frequencyOf(
                Tuple.of(30, Arbitraries.just(Range.VMALLOC)),
                Tuple.of(20, Arbitraries.just(Range.MODULES)),
                Tuple.of(15, Arbitraries.just(Range.TINY_LOW)),
                Tuple.of(10, Arbitraries.just(Range.TINY_IN_VMALLOC)),
                Tuple.of(6, Arbitraries.just(Range.TINY_UNALIGNED)),
                Tuple.of(8, Arbitraries.just(Range.TOP)),
                Tuple.of(6, Arbitraries.just(Range.TOP_PAGE)),
                Tuple.of(3, Arbitraries.just(Range.FULL)),
                Tuple.of(4, Arbitraries.just(Range.SPLIT_LOW)),
                Tuple.of(4, Arbitraries.just(Range.SPLIT_HIGH)),
                Tuple.of(1, Arbitraries.just(Range.INVERTED)));
    }

    /**
     * Page counts mostly small (so that holes are refilled exactly), up to 64 MiB, and rarely
     * 2^31 - 1, 2^31 and 2^32 pages (the 32-bit counters of F-NR-TRUNC).
     */
    static Arbitrary<Long> sizes() {
        return Arbitraries.frequencyOf(
                Tuple.of(80, ordinarySizes()),
                Tuple.of(5, Arbitraries.of(1L << 31, 1L << 32, (1L << 31) - 1).map(p -> p * PAGE)));
    }

    /** One page to 64 MiB, mostly small. */
    static Arbitrary<Long> ordinarySizes() {
        Arbitrary<Long> pages = Arbitraries.frequencyOf(
                Tuple.of(45, Arbitraries.longs().between(1, 4)),
                Tuple.of(25, Arbitraries.longs().between(5, 64)),
                Tuple.of(10, Arbitraries.longs().between(65, 16384)));
        return pages.map(p -> p * PAGE);
    }

    /** 1, PAGE_SIZE (most kernel callers), 8 KiB to 16 MiB, and rarely 2^32 to 2^63. */
    static Arbitrary<Long> aligns() {
        return Arbitraries.frequencyOf(
                Tuple.of(30, Arbitraries.of(1L, 2L, 256L)),
                Tuple.of(135, Arbitraries.just(PAGE)),
                Tuple.of(45, Arbitraries.integers().between(13, 16).map(k -> 1L << k)),
                Tuple.of(6, Arbitraries.integers().between(17, 24).map(k -> 1L << k)),
                Tuple.of(1, Arbitraries.integers().between(32, 63).map(k -> 1L << k)));
    }

    private record Kinds(int alloc, int free, int lazyfree, int purge) {
    }

    private static Kinds allKinds() {
        return new Kinds(50, 15, 20, 3);
    }

    private static Arbitrary<Step> steps(Kinds k, Arbitrary<Long> sizes) {
        Arbitrary<Step> alloc = Combinators.combine(sizes, aligns(), Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, 7)).as((size, align, slot, pick) -> new Step(Step.Kind.ALLOC, size,
                        align, slot, pick));
        Arbitrary<Integer> pick = Arbitraries.integers().between(0, 1000);
        return Arbitraries.frequencyOf(
                Tuple.of(k.alloc(), alloc),
                Tuple.of(k.free(), pick.map(Step::free)),
                Tuple.of(k.lazyfree(), pick.map(Step::lazyfree)),
                Tuple.of(k.purge(), Arbitraries.just(Step.purge())));
    }
}
