package vmapref.concurrency;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import vmapref.kernel.MutantProtocols.Mutant;
import vmapref.kernel.VmapArea;
import vmapref.kernel.VmapAreaAllocator;
import vmapref.kernel.VmapAreaTree;

/**
 * The concurrency scenarios of issue 3 (jpf/README.md), each one Lincheck invocation: a fresh
 * allocator, a sequential setup, 2 or 3 threads started and joined, then the quiescent checks.
 * Address ranges hold 2 or 3 slots of {@link #SLOT} bytes (4096 pages), so that allocations
 * really overflow, purge and retry, and three lazily freed slots (12288 pages) cross
 * {@code lazy_max_pages() == 8192} (one CPU).
 *
 * <p>Properties checked (spec ids INV-*, INV-LAZY, OP-PURGE, PROP-FAIL):
 * <ul>
 *   <li>Q-INV: {@code checkInvariants()} and pairwise disjointness of the tree's areas, at the end
 *       and, in the scenarios with an observer thread, at the observer's point under
 *       {@code vmap_area_lock} (i.e. whenever the lock is free);</li>
 *   <li>Q-LAZY: at quiescence {@code vmap_lazy_nr} equals the pages of the areas flagged
 *       {@code VM_LAZY_FREE};</li>
 *   <li>Q-LOST: no area is left flagged {@code VM_LAZY_FREEING} (collected but never freed), and
 *       every lazily freed area is either still {@code VM_LAZY_FREE} in the tree or gone;</li>
 *   <li>Q-TWICE: no area is freed twice (that would throw {@code BUG_ON(RB_EMPTY_NODE)}, rethrown
 *       from the thread);</li>
 *   <li>Q-FAIL: an allocation fails only if no slot was free at its retry: in each scenario an
 *       area lazily freed before the allocation started guarantees a slot, because the
 *       allocation's sync purge waits for {@code purge_lock} and frees it;</li>
 *   <li>no deadlock: Lincheck reports a hang when all threads block.</li>
 * </ul>
 */
public final class Scenarios {
    /** One slot: 4096 pages (16 MiB). */
    public static final long SLOT = 4096 * VmapArea.PAGE_SIZE;
    /** Start of the scenarios' address range. */
    public static final long BASE = 0x100000000L;
    /** Allocation alignment: one page. */
    static final long ALIGN = VmapArea.PAGE_SIZE;

    /**
     * The allocator of the running invocation, published through a static field before the
     * threads start, so that Lincheck's shared-object tracking sees it as shared even though the
     * threads reach it through lambda captures (whose fields Lincheck reports it cannot read).
     */
    private static volatile VmapAreaAllocator published;

    private Scenarios() {
    }

    /** The four scenarios with their thread counts; each names the mutants it is meant to catch. */
    public enum Scenario {
        /** 2 threads race to allocate the one slot a lazy area frees: overflow, purge, retry. */
        ALLOC_OVERFLOW_PURGE_RETRY_2,
        /** The same plus a third thread lazily freeing the other slot. */
        ALLOC_OVERFLOW_PURGE_RETRY_3,
        /** A lazy free crosses the threshold (try-purge) while an allocation's sync purge runs. */
        LAZYFREE_THRESHOLD_VS_SYNC_PURGE_2,
        /** The same with an observer checking the invariants under {@code vmap_area_lock}. */
        LAZYFREE_THRESHOLD_VS_SYNC_PURGE_3,
        /** The same race with a plain {@code purge_vmap_area_lazy()} instead of the allocation. */
        LAZYFREE_THRESHOLD_VS_PURGE_2,
        /** An immediate free unlinks an area while a purge walks the list. */
        FREE_RACES_PURGE_SCAN_2,
        /** The same plus an allocation that overflows and purges. */
        FREE_RACES_PURGE_SCAN_3,
        /** An allocation races with the immediate free of the cached area. */
        ALLOC_RACES_FREE_OF_CACHED_2,
        /** An allocation races with the lazy free and purge of the cached area, plus an observer. */
        ALLOC_RACES_PURGE_OF_CACHED_3;

        /** The scenario on the given protocol, as one Lincheck invocation. */
        public Runnable on(Mutant protocol) {
            return switch (this) {
                case ALLOC_OVERFLOW_PURGE_RETRY_2 -> () -> allocOverflowPurgeRetry(protocol, false);
                case ALLOC_OVERFLOW_PURGE_RETRY_3 -> () -> allocOverflowPurgeRetry(protocol, true);
                case LAZYFREE_THRESHOLD_VS_SYNC_PURGE_2 -> () -> lazyfreeThresholdVsSyncPurge(protocol, false);
                case LAZYFREE_THRESHOLD_VS_SYNC_PURGE_3 -> () -> lazyfreeThresholdVsSyncPurge(protocol, true);
                case LAZYFREE_THRESHOLD_VS_PURGE_2 -> () -> lazyfreeThresholdVsPurge(protocol);
                case FREE_RACES_PURGE_SCAN_2 -> () -> freeRacesPurgeScan(protocol, false);
                case FREE_RACES_PURGE_SCAN_3 -> () -> freeRacesPurgeScan(protocol, true);
                case ALLOC_RACES_FREE_OF_CACHED_2 -> () -> allocRacesFreeOfCached(protocol);
                case ALLOC_RACES_PURGE_OF_CACHED_3 -> () -> allocRacesPurgeOfCached(protocol);
            };
        }
    }

    /**
     * Range of 2 slots, both allocated, slot 0 lazily freed (4096 pages, below the threshold).
     * T1 and T2 each allocate one slot: both attempts may overflow; the first sync purge frees
     * slot 0. Exactly one allocation succeeds, at slot 0. With {@code third}: T3 lazily frees
     * slot 1 (8192 pages, still not above the threshold); an allocation that starts after T3 is
     * done must succeed, and at least one always does.
     */
    static void allocOverflowPurgeRetry(Mutant protocol, boolean third) {
        VmapAreaAllocator a = protocol.newAllocator();
        long vend = BASE + 2 * SLOT;
        VmapArea s0 = alloc(a, vend);
        VmapArea s1 = alloc(a, vend);
        a.freeVmapAreaNoflush(s0);
        VmapArea[] got = new VmapArea[2];
        boolean[] startedAfterLazy = new boolean[2];
        AtomicBoolean lazyDone = new AtomicBoolean();
        List<Runnable> threads = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            int t = i;
            threads.add(() -> {
                startedAfterLazy[t] = lazyDone.get();
                got[t] = a.allocVmapArea(SLOT, ALIGN, BASE, vend);
            });
        }
        if (third) {
            threads.add(() -> {
                a.freeVmapAreaNoflush(s1);
                lazyDone.set(true);
            });
        }
        published = a;
        runThreads(threads);
        List<VmapArea> lazy = third ? List.of(s0, s1) : List.of(s0);
        quiescent(a, lazy);
        int ok = (got[0] != null ? 1 : 0) + (got[1] != null ? 1 : 0);
        check(ok >= 1, "Q-FAIL: both allocations failed although slot 0 was lazy before they started");
        if (!third) {
            check(ok == 1, "one free slot, " + ok + " allocations succeeded");
            VmapArea w = got[0] != null ? got[0] : got[1];
            check(w.vaStart == BASE, "the winner takes slot 0");
        }
        for (int t = 0; t < 2; t++) {
            check(!(startedAfterLazy[t] && got[t] == null),
                    "Q-FAIL: allocation " + t + " started after both slots were lazily freed and failed");
        }
        checkLive(a, got);
    }

    /**
     * Range of 3 slots, all allocated; slots 0 and 1 lazily freed (8192 pages, not above the
     * threshold). T1 lazily frees slot 2: 12288 pages cross {@code lazy_max_pages()} and T1 runs
     * the try-purge. T2 allocates one slot: its first attempt may overflow and its sync purge
     * runs concurrently with T1's try-purge. Slot 0 was lazy before T2 started, so T2 must
     * succeed. With {@code observer}: T3 checks the invariants under {@code vmap_area_lock}.
     */
    static void lazyfreeThresholdVsSyncPurge(Mutant protocol, boolean observer) {
        VmapAreaAllocator a = protocol.newAllocator();
        long vend = BASE + 3 * SLOT;
        VmapArea s0 = alloc(a, vend);
        VmapArea s1 = alloc(a, vend);
        VmapArea s2 = alloc(a, vend);
        a.freeVmapAreaNoflush(s0);
        a.freeVmapAreaNoflush(s1);
        VmapArea[] got = new VmapArea[1];
        List<Runnable> threads = new ArrayList<>();
        threads.add(() -> a.freeVmapAreaNoflush(s2));
        threads.add(() -> got[0] = a.allocVmapArea(SLOT, ALIGN, BASE, vend));
        if (observer) {
            threads.add(() -> observe(a));
        }
        published = a;
        runThreads(threads);
        quiescent(a, List.of(s0, s1, s2));
        check(got[0] != null, "Q-FAIL: the allocation failed although slots 0 and 1 were lazy before it started");
        checkLive(a, got);
    }

    /**
     * As {@link #lazyfreeThresholdVsSyncPurge} with T2 calling {@code purge_vmap_area_lazy()}
     * directly: fewer interleaving points than an allocation, so the counter races of the purge
     * are reached within a small budget. After both, slots 0 and 1 are gone (T2's sync purge
     * waits for any running purge, which frees what it collected).
     */
    static void lazyfreeThresholdVsPurge(Mutant protocol) {
        VmapAreaAllocator a = protocol.newAllocator();
        long vend = BASE + 3 * SLOT;
        VmapArea s0 = alloc(a, vend);
        VmapArea s1 = alloc(a, vend);
        VmapArea s2 = alloc(a, vend);
        a.freeVmapAreaNoflush(s0);
        a.freeVmapAreaNoflush(s1);
        published = a;
        runThreads(List.of(() -> a.freeVmapAreaNoflush(s2), a::purgeVmapAreaLazy));
        quiescent(a, List.of(s0, s1, s2));
        check(a.findVmapArea(s0.vaStart) == null && a.findVmapArea(s1.vaStart) == null,
                "Q-FAIL: areas lazily freed before the sync purge started survived it");
    }

    /**
     * Range of 3 slots, all allocated; slots 0 and 2 lazily freed. T1 frees slot 1 at once
     * ({@code free_vmap_area}, {@code list_del_rcu}) while T2's sync purge walks the list under
     * RCU. With {@code third}: T3 allocates one slot; slot 0 was lazy before it started, so it
     * must succeed. At the end only T3's area is left.
     */
    static void freeRacesPurgeScan(Mutant protocol, boolean third) {
        VmapAreaAllocator a = protocol.newAllocator();
        long vend = BASE + 3 * SLOT;
        VmapArea s0 = alloc(a, vend);
        VmapArea s1 = alloc(a, vend);
        VmapArea s2 = alloc(a, vend);
        a.freeVmapAreaNoflush(s0);
        a.freeVmapAreaNoflush(s2);
        VmapArea[] got = new VmapArea[1];
        List<Runnable> threads = new ArrayList<>();
        threads.add(() -> a.freeVmapArea(s1));
        threads.add(a::purgeVmapAreaLazy);
        if (third) {
            threads.add(() -> got[0] = a.allocVmapArea(SLOT, ALIGN, BASE, vend));
        }
        published = a;
        runThreads(threads);
        quiescent(a, List.of(s0, s2));
        check(!third || got[0] != null, "Q-FAIL: the allocation failed although slot 0 was lazy before it started");
        check(a.tree().size() == (third ? 1 : 0), "after the sync purge and the free only the new area is left, found "
                + a.tree().size());
        checkLive(a, got);
    }

    /**
     * Range of 3 slots; slots 0 and 1 allocated, so {@code free_vmap_cache} is slot 1. T1 frees
     * slot 1 (the cached area) at once while T2 allocates one slot, from the cache or from the
     * tree. There is always a free slot, so T2 succeeds.
     */
    static void allocRacesFreeOfCached(Mutant protocol) {
        VmapAreaAllocator a = protocol.newAllocator();
        long vend = BASE + 3 * SLOT;
        alloc(a, vend);
        VmapArea s1 = alloc(a, vend);
        VmapArea[] got = new VmapArea[1];
        published = a;
        runThreads(List.of(() -> a.freeVmapArea(s1), () -> got[0] = a.allocVmapArea(SLOT, ALIGN, BASE, vend)));
        quiescent(a, List.of());
        check(got[0] != null, "Q-FAIL: the allocation failed with a free slot");
        checkLive(a, got);
    }

    /**
     * Range of 3 slots; slots 0 and 1 allocated, {@code free_vmap_cache} is slot 1. T1 lazily
     * frees slot 1 and runs a sync purge, so the purge frees the cached area; T2 allocates one
     * slot (slot 2 is free, so it succeeds); T3 observes the invariants under
     * {@code vmap_area_lock}.
     */
    static void allocRacesPurgeOfCached(Mutant protocol) {
        VmapAreaAllocator a = protocol.newAllocator();
        long vend = BASE + 3 * SLOT;
        alloc(a, vend);
        VmapArea s1 = alloc(a, vend);
        VmapArea[] got = new VmapArea[1];
        published = a;
        runThreads(List.of(() -> {
            a.freeVmapAreaNoflush(s1);
            a.purgeVmapAreaLazy();
        }, () -> got[0] = a.allocVmapArea(SLOT, ALIGN, BASE, vend), () -> observe(a)));
        quiescent(a, List.of(s1));
        check(got[0] != null, "Q-FAIL: the allocation failed with a free slot");
        checkLive(a, got);
    }

    private static VmapArea alloc(VmapAreaAllocator a, long vend) {
        VmapArea va = a.allocVmapArea(SLOT, ALIGN, BASE, vend);
        check(va != null, "setup allocation failed");
        return va;
    }

    /** Starts the threads, joins them, and rethrows the first failure of any of them. */
    static void runThreads(List<Runnable> bodies) {
        Throwable[] failure = new Throwable[bodies.size()];
        Thread[] threads = new Thread[bodies.size()];
        for (int i = 0; i < threads.length; i++) {
            int t = i;
            threads[i] = new Thread(() -> {
                try {
                    bodies.get(t).run();
                } catch (Throwable e) {
                    failure[t] = e;
                }
            });
        }
        for (Thread t : threads) {
            t.start();
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
        for (int i = 0; i < failure.length; i++) {
            if (failure[i] != null) {
                throw new AssertionError("thread " + (i + 1) + " threw " + failure[i], failure[i]);
            }
        }
    }

    /** Q-INV at an arbitrary point of the run, under {@code vmap_area_lock} (so: when it is free). */
    static void observe(VmapAreaAllocator a) {
        a.lock().lock();
        try {
            invariants(a, "observer");
        } finally {
            a.lock().unlock();
        }
    }

    private static void invariants(VmapAreaAllocator a, String when) {
        String broken = a.checkInvariants();
        check(broken == null, "Q-INV (" + when + "): " + broken);
        VmapAreaTree tree = a.tree();
        for (int i = 0; i < tree.size(); i++) {
            for (int j = i + 1; j < tree.size(); j++) {
                VmapArea x = tree.area(i);
                VmapArea y = tree.area(j);
                check(Long.compareUnsigned(x.vaEnd, y.vaStart) <= 0 || Long.compareUnsigned(y.vaEnd, x.vaStart) <= 0,
                        "Q-INV (" + when + "): areas " + i + " and " + j + " overlap");
            }
        }
    }

    /** Q-INV, Q-LAZY and Q-LOST once every thread has finished. */
    static void quiescent(VmapAreaAllocator a, List<VmapArea> lazilyFreed) {
        invariants(a, "quiescent");
        VmapAreaTree tree = a.tree();
        Map<VmapArea, Boolean> inTree = new IdentityHashMap<>();
        long lazyPages = 0;
        for (int i = 0; i < tree.size(); i++) {
            VmapArea va = tree.area(i);
            inTree.put(va, Boolean.TRUE);
            check((va.flags() & VmapArea.VM_LAZY_FREEING) == 0,
                    "Q-LOST: area 0x" + Long.toHexString(va.vaStart) + " is left VM_LAZY_FREEING in the tree");
            if ((va.flags() & VmapArea.VM_LAZY_FREE) != 0) {
                lazyPages += va.pages();
            }
        }
        int nr = a.lazyPurge().vmapLazyNr();
        check(nr == (int) lazyPages, "Q-LAZY: vmap_lazy_nr == " + nr + " but the VM_LAZY_FREE areas hold "
                + lazyPages + " pages");
        for (VmapArea va : lazilyFreed) {
            check(!inTree.containsKey(va) || va.flags() == VmapArea.VM_LAZY_FREE,
                    "Q-LOST: lazily freed area 0x" + Long.toHexString(va.vaStart) + " has flags " + va.flags());
        }
    }

    /** Every area an allocation of the scenario returned is live in the tree. */
    private static void checkLive(VmapAreaAllocator a, VmapArea[] got) {
        for (VmapArea va : got) {
            if (va != null) {
                check(a.findVmapArea(va.vaStart) == va && va.flags() == 0,
                        "allocated area 0x" + Long.toHexString(va.vaStart) + " is not live in the tree");
            }
        }
    }

    static void check(boolean ok, String message) {
        if (!ok) {
            throw new AssertionError(message);
        }
    }
}
