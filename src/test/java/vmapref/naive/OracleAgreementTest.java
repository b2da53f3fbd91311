package vmapref.naive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;
import vmapref.engine.Engine;
import vmapref.engine.PortEngine;

/**
 * PROP-AGREE (spec/SPEC.md): on the two trace classes where the kernel provably behaves as
 * lowest-address first fit, the port and the naive oracle give identical results, operation by
 * operation. Seeded, so a failure names a reproducible sequence.
 */
class OracleAgreementTest {
    static final long P = 4096;

    /** Runs one operation on both engines and checks they agree; returns the common result. */
    static OptionalLong allocBoth(Engine port, Engine naive, long size, long align, long vstart, long vend,
            String where) {
        OptionalLong a = port.alloc(size, align, vstart, vend);
        OptionalLong b = naive.alloc(size, align, vstart, vend);
        assertEquals(b, a, where + ": alloc " + size + " " + align + " 0x" + Long.toHexString(vstart) + " 0x"
                + Long.toHexString(vend));
        return a;
    }

    /**
     * Class 1: one range with a page-aligned vstart, alignment 1 or PAGE_SIZE, only allocations
     * and frees of the most recent live allocation (LIFO). No hole ever exists below the cache, so
     * cached_hole_size stays 0 and the cached path finds the first fit.
     */
    @Test
    void propAgree_oneRangeAllocationsAndLifoFrees() {
        int allocs = 0;
        int ebusy = 0;
        for (int seed = 0; seed < 200; seed++) {
            Random rnd = new Random(seed);
            PortEngine port = new PortEngine(1);
            NaiveAllocator naive = new NaiveAllocator(1);
            long vstart = 0xffffc90000000000L + P * rnd.nextInt(1 << 16);
            long vend = vstart + P * (8 + rnd.nextInt(256));
            Deque<Long> live = new ArrayDeque<>();
            for (int i = 0; i < 300; i++) {
                String where = "seed " + seed + " op " + i;
                if (!live.isEmpty() && rnd.nextInt(3) == 0) {
                    long addr = live.pop();
                    port.free(addr);
                    naive.free(addr);
                } else {
                    OptionalLong r = allocBoth(port, naive, P * (1 + rnd.nextInt(8)), rnd.nextBoolean() ? 1 : P,
                            vstart, vend, where);
                    allocs++;
                    if (r.isPresent()) {
                        live.push(r.getAsLong());
                    } else {
                        ebusy++;
                    }
                }
                assertEquals(0, port.allocator().cachedHoleSize(), where);
            }
        }
        assertTrue(allocs > 30000 && ebusy > 1000, "the ranges fill up: " + ebusy + " of " + allocs + " EBUSY");
    }

    /**
     * Class 2: every allocation passes a lower vstart than the one before it, so the cache test
     * resets every time (vstart < cached_vstart) and the tree path walks from vstart: first fit,
     * whatever the frees, lazy frees and purges in between.
     */
    @Test
    void propAgree_everyAllocationTakesTheTreePath() {
        int ops = 0;
        for (int seed = 0; seed < 100; seed++) {
            Random rnd = new Random(seed);
            PortEngine port = new PortEngine(1);
            NaiveAllocator naive = new NaiveAllocator(1);
            long vend = 0xffffe8ffffffffffL;
            long vstart = vend - P * 100_000;
            List<Long> live = new ArrayList<>();
            for (int i = 0; i < 400; i++, ops++) {
                String where = "seed " + seed + " op " + i;
                int kind = rnd.nextInt(10);
                if (kind < 5 || live.isEmpty()) {
                    vstart -= P * rnd.nextInt(4) + 1;
                    long size = P * (1 + rnd.nextInt(rnd.nextBoolean() ? 16 : 4096));
                    long align = 1L << rnd.nextInt(20);
                    OptionalLong r = allocBoth(port, naive, size, align, vstart, vend, where);
                    r.ifPresent(live::add);
                } else if (kind < 7) {
                    long addr = live.remove(rnd.nextInt(live.size()));
                    port.free(addr);
                    naive.free(addr);
                } else if (kind < 9) {
                    long addr = live.remove(rnd.nextInt(live.size()));
                    port.lazyfree(addr);
                    naive.lazyfree(addr);
                } else {
                    port.purge();
                    naive.purge();
                }
                assertEquals(naive.summary().live(), port.summary().live(), where);
                assertEquals(naive.summary().lazy(), port.summary().lazy(), where);
            }
        }
        assertTrue(ops == 40000);
    }
}
