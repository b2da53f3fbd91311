/*
 * vmap_protocol.pml: the locking / lazy-free / purge / retry protocol of the Linux v4.5 vmap area
 * allocator (mm/vmalloc.c), mirroring the Java port statement for statement where concurrency
 * matters:
 *   src/main/java/vmapref/kernel/VmapAreaAllocator.java   allocVmapArea, freeVmapArea
 *   src/main/java/vmapref/kernel/LazyPurge.java           freeVmapAreaNoflush, purgeVmapAreaLazy
 *                                                          and its steps acquirePurgeLock,
 *                                                          collectLazyAreas, subtractLazyPages,
 *                                                          freeBatch, releasePurgeLock
 * Each comment "J:" names the Java method and line (as of this commit), "K:" quotes the v4.5
 * kernel statement of mm/vmalloc.c it implements (quoted rather than numbered: docs/fidelity.md
 * maps kernel line numbers).
 *
 * Abstraction (what is NOT modelled, see jpf/README.md):
 *  - Address space: K equal slots; every area is one slot (size = align = one slot, vstart = slot
 *    0, vend = slot K). With equal sizes the walk of alloc_vmap_area never records a hole smaller
 *    than size, so cached_hole_size stays 0 and cached_vstart / cached_align never change: the
 *    cache is used iff free_vmap_cache != NULL, and the search is first fit from the cache (or
 *    from vstart). The sequential search itself is verified elsewhere (KeY, conformance traces);
 *    here one attempt under vmap_area_lock is one atomic d_step (it runs under the lock, so no
 *    other process can observe its intermediate states except the lock-free purge scan, which
 *    reads only flags, which the attempt does not write).
 *  - One area = PAGES pages; lazy_max_pages() is LMAX in the same unit. With the Java scenarios'
 *    4096-page slots and 8192 = lazy_max_pages() for one CPU: PAGES 1, LMAX 2.
 *  - The RCU list walk is a walk over the slots in address order, one slot per step; an area
 *    present during the whole walk is always visited (RCU guarantee), one inserted or deleted
 *    during the walk may or may not be (deleted ones are never VM_LAZY_FREE, see docs/findings.md).
 *  - TLB flushes, per-CPU vmap blocks, kfree_rcu: no-ops, as in the port.
 *  - Locks are non-recursive spinlocks (as in the kernel; the Java ReentrantLock is reentrant,
 *    which changes nothing for the correct protocol, where no lock is re-taken).
 *
 * Compile-time configuration (spin -D...): SCEN (scenario, see init), MUTANT (0 = the port),
 * K, LMAX.
 */

#ifndef SCEN
#define SCEN 5
#endif
#ifndef MUTANT
#define MUTANT 0
#endif
/* mutant numbers; the same names as vmapref.kernel.MutantProtocols.Mutant */
#define LOCK_ORDER 1
#define PURGE_WINDOW 2
#define COUNTER_RESET 3
#define COUNTER_NONATOMIC 4
#define RETRY_LOCKED 5
#define NO_TRYLOCK 6
#define DANGLING_CACHE 7

#ifndef K
#define K 3
#endif
#ifndef LMAX
#define LMAX 2
#endif
#define PAGES 1
#define NONE 255
#define VM_LAZY_FREE 1
#define VM_LAZY_FREEING 2

/* vmap_area_root + vmap_area_list: id[s] != 0 iff an area occupies slot s (ids are never reused) */
byte id[K];
/* va->flags of the area in each slot */
byte flags[K];
/* free_vmap_cache: slot and id of the cached area (NONE: NULL) */
byte cache = NONE;
byte cacheId = 0;
/* static atomic_t vmap_lazy_nr */
int N = 0;
byte nextId = 1;
/* static DEFINE_SPINLOCK(vmap_area_lock), static DEFINE_SPINLOCK(purge_lock): owner _pid + 1 */
byte vmap_area_lock = 0;
byte purge_lock = 0;

/* ghost state for the properties */
byte nlazy = 0;       /* areas in the tree with VM_LAZY_FREE or VM_LAZY_FREEING */
byte lfPending = 0;   /* lazy frees between their flag update and their atomic_add */
byte workers = 0;     /* worker processes still running */
bool lazyDone = false;/* every lazy free of the scenario has returned */
byte allocFailed = 0;
byte allocOk = 0;

#define INV_CACHE (cache == NONE || id[cache] == cacheId)

inline spin_lock(l) {
    atomic { l == 0 -> l = _pid + 1 }
}
inline spin_unlock(l) {
    assert(l == _pid + 1);
    l = 0
}

/* the invariants that hold whenever vmap_area_lock is free (checked at every release) */
inline release_vmap_area_lock() {
    d_step {
        assert(INV_CACHE);
        spin_unlock(vmap_area_lock)
    }
}

/* __free_vmap_area(va), J: VmapAreaAllocator.freeVmapAreaLocked (VmapAreaAllocator.java:174-179)
 * -> FreeVmapCache.free, list.delete */
inline free_vmap_area_locked(s, expect) {
    d_step {
        /* K: BUG_ON(RB_EMPTY_NODE(&va->rb_node)); (the area must still be in the tree) */
        assert(id[s] == expect);
        /* K: if (free_vmap_cache) { if (va->va_end < cached_vstart) ... (never: vstart = slot 0)
         *    else if (va->va_start <= cache->va_start) free_vmap_cache = rb_prev(&va->rb_node); */
        if
        :: cache != NONE && s <= cache ->
            cache = NONE; cacheId = 0;
            j = s;
            do
            :: j > 0 && id[j - 1] == 0 -> j--
            :: j > 0 && id[j - 1] != 0 -> cache = j - 1; cacheId = id[j - 1]; break
            :: j == 0 -> break
            od;
            j = 0
        :: else -> skip
        fi;
        /* K: rb_erase(&va->rb_node, &vmap_area_root); list_del_rcu(&va->list); */
        if :: flags[s] != 0 -> nlazy-- :: else -> skip fi;
        id[s] = 0;
        flags[s] = 0
    }
}

/* the DANGLING_CACHE mutant's batch free: rb_erase + list_del_rcu without the cache fix-up */
inline erase_without_cache_update(s, expect) {
    d_step {
        assert(id[s] == expect);
        if :: flags[s] != 0 -> nlazy-- :: else -> skip fi;
        id[s] = 0;
        flags[s] = 0
    }
}

/*
 * __purge_vmap_area_lazy(&start, &end, sync, 0), J: LazyPurge.purgeVmapAreaLazy(sync, false).
 * Locals of the calling process: got, nr, i, tmp, batch[K] (valist: the ids collected per slot).
 */
inline purge(sync) {
    /* J: acquirePurgeLock, LazyPurge.java:141 (tryLock) / :143 (lock);
     * K: if (!sync && !force_flush) { if (!spin_trylock(&purge_lock)) return; }
     *                         else spin_lock(&purge_lock); */
    if
    :: sync ->
#if MUTANT == LOCK_ORDER
        spin_lock(vmap_area_lock);   /* MUTANT: vmap_area_lock taken before purge_lock */
#endif
        spin_lock(purge_lock); got = true
    :: !sync ->
#if MUTANT == NO_TRYLOCK
        got = true                   /* MUTANT: no spin_trylock(&purge_lock) */
#else
        atomic {
            if
            :: purge_lock == 0 -> purge_lock = _pid + 1; got = true
            :: else -> got = false   /* J: trace(PURGE_TRYLOCK_BUSY); return; */
            fi
        }
#endif
    fi;
    if
    :: got ->
        /* J: collectLazyAreas, LazyPurge.java:162; K: int nr = 0; LIST_HEAD(valist); rcu_read_lock();
         *    list_for_each_entry_rcu(va, &vmap_area_list, list) { */
        nr = 0;
        i = 0;
        do
        :: i < K ->
            /* J: LazyPurge.java:164; K: if (va->flags & VM_LAZY_FREE) {  (one read of the flags) */
            if
            :: id[i] != 0 && (flags[i] & VM_LAZY_FREE) ->
                /* J: LazyPurge.java:166-174; K: nr += (va->va_end - va->va_start) >> PAGE_SHIFT;
                 *    list_add_tail(&va->purge_list, &valist); */
                nr = nr + PAGES;
                batch[i] = id[i];
                /* J: LazyPurge.java:176; K: va->flags |= VM_LAZY_FREEING;  (plain RMW) */
                tmp = flags[i];
                flags[i] = tmp | VM_LAZY_FREEING;
                /* J: LazyPurge.java:177; K: va->flags &= ~VM_LAZY_FREE; */
                tmp = flags[i];
                flags[i] = tmp & ~VM_LAZY_FREE
            :: else -> skip
            fi;
            i++
        :: else -> break
        od;
        /* K: rcu_read_unlock(); */
#if MUTANT == PURGE_WINDOW
        /* J: subtractLazyPages; K: if (nr) atomic_sub(nr, &vmap_lazy_nr); */
        if :: nr != 0 -> N = N - nr :: else -> skip fi;
        spin_unlock(purge_lock);         /* MUTANT: purge_lock dropped before the batch is freed */
#else
        /* J: LazyPurge.java:110 -> subtractLazyPages, :186; K: if (nr) atomic_sub(nr, &vmap_lazy_nr); */
        if
        :: nr != 0 ->
#if MUTANT == COUNTER_RESET
            N = 0                        /* MUTANT: atomic_set(&vmap_lazy_nr, 0) */
#elif MUTANT == COUNTER_NONATOMIC
            tmp2 = N;                    /* MUTANT: atomic_set(.., atomic_read(..) - nr) */
            N = tmp2 - nr
#else
            N = N - nr
#endif
        :: else -> skip
        fi;
#endif
        /* J: LazyPurge.java:114 -> freeBatch, :194-200; K: if (nr) { spin_lock(&vmap_area_lock);
         *    list_for_each_entry_safe(va, n_va, &valist, purge_list) __free_vmap_area(va);
         *    spin_unlock(&vmap_area_lock); } */
        if
        :: nr != 0 ->
#if MUTANT == LOCK_ORDER
            if :: !sync -> spin_lock(vmap_area_lock) :: else -> skip fi;
#else
            spin_lock(vmap_area_lock);
#endif
            i = 0;
            do
            :: i < K && batch[i] != 0 ->
#if MUTANT == DANGLING_CACHE
                erase_without_cache_update(i, batch[i]);
#else
                free_vmap_area_locked(i, batch[i]);
#endif
                batch[i] = 0;
                i++
            :: i < K && batch[i] == 0 -> i++
            :: else -> break
            od;
            release_vmap_area_lock()
        :: else ->
#if MUTANT == LOCK_ORDER
            if :: sync -> release_vmap_area_lock() :: else -> skip fi
#else
            skip
#endif
        fi;
        /* J: releasePurgeLock, LazyPurge.java:149; K: spin_unlock(&purge_lock); */
#if MUTANT == PURGE_WINDOW
        skip
#elif MUTANT == NO_TRYLOCK
        if :: sync -> spin_unlock(purge_lock) :: else -> skip fi
#else
        spin_unlock(purge_lock)
#endif
    :: else -> skip
    fi;
    i = 0; nr = 0; got = false
}

/* purge_vmap_area_lazy() with the sync-purge guarantee: an area lazily freed before the call is
 * gone when it returns (Q-FAIL of the Java scenarios; OP-PURGE) */
inline sync_purge() {
    d_step {
        i = 0;
        do
        :: i < K -> snap[i] = (flags[i] != 0 -> id[i] : 0); i++
        :: else -> break
        od;
        i = 0
    }
    purge(true);
    d_step {
        i = 0;
        do
        :: i < K -> assert(snap[i] == 0 || id[i] != snap[i]); snap[i] = 0; i++
        :: else -> break
        od;
        i = 0
    }
}

/* alloc_vmap_area(SLOT, SLOT, 0, K), J: VmapAreaAllocator.allocVmapArea */
proctype Alloc() {
    bool purged = false;
    bool got;
    byte nr, i, j, tmp, addr, first;
    int tmp2;
    byte batch[K];
    byte snap[K];
    byte res = NONE;
retry:
    /* J: VmapAreaAllocator.java:108; K: retry: spin_lock(&vmap_area_lock); */
    spin_lock(vmap_area_lock);
    /* J: VmapAreaAllocator.java:111 cache.alloc(...): FreeVmapCache.alloc, one attempt */
    d_step {
        /* K: if (!free_vmap_cache || size < cached_hole_size || ...) { nocache: ... } */
        if
        :: cache != NONE ->
            /* K: first = free_vmap_cache; addr = ALIGN(first->va_end, align); */
            first = cache; addr = cache + 1
        :: else ->
            /* K: addr = ALIGN(vstart, align); first = lowest area with va_end >= addr */
            addr = 0;
            first = 0;
            do
            :: first < K && id[first] == 0 -> first++
            :: else -> break
            od;
            if :: first == K -> first = NONE :: else -> skip fi   /* K: if (!first) goto found; */
        fi;
        /* K: while (addr + size > first->va_start && addr + size <= vend) {
         *        addr = ALIGN(first->va_end, align);
         *        if (list_is_last(&first->list, &vmap_area_list)) goto found;
         *        first = list_next_entry(first, list); } */
        do
        :: first != NONE && first <= addr && addr + 1 <= K ->
            addr = first + 1;
            first++;
            do
            :: first < K && id[first] == 0 -> first++
            :: else -> break
            od;
            if :: first == K -> first = NONE :: else -> skip fi
        :: else -> break
        od;
        /* K: found: if (addr + size > vend) goto overflow; */
        if
        :: addr + 1 > K ->
            res = NONE;
            /* PROP-FAIL in the slot abstraction: an attempt fails only if no slot is free */
            j = 0;
            do
            :: j < K -> assert(id[j] != 0); j++
            :: else -> break
            od;
            j = 0
        :: else ->
            /* K: __insert_vmap_area(va): BUG() on overlap; free_vmap_cache = &va->rb_node; */
            assert(id[addr] == 0);
            id[addr] = nextId; flags[addr] = 0; nextId++;
            cache = addr; cacheId = id[addr];
            res = addr
        fi;
        addr = 0; first = 0
    }
#if MUTANT == RETRY_LOCKED
    if
    :: res == NONE && !purged ->
        /* MUTANT: overflow: purge_vmap_area_lazy() without spin_unlock(&vmap_area_lock) */
        sync_purge();
        purged = true;
        release_vmap_area_lock();
        goto retry
    :: else -> skip
    fi;
#endif
    /* J: VmapAreaAllocator.java:123; K: spin_unlock(&vmap_area_lock); (at found: and overflow:) */
    release_vmap_area_lock();
    if
    :: res != NONE -> allocOk++; goto done   /* K: return va; */
    :: else -> skip
    fi;
    /* J: VmapAreaAllocator.java:138-142, :146;
     * K: overflow: if (!purged) { purge_vmap_area_lazy(); purged = 1; goto retry; } */
    if
    :: !purged -> sync_purge(); purged = true; goto retry
    :: else -> allocFailed++                  /* K: return ERR_PTR(-EBUSY); */
    fi;
done:
    workers--
}

/* free_vmap_area(va), J: VmapAreaAllocator.freeVmapArea (VmapAreaAllocator.java:185-191) */
proctype Free(byte s) {
    byte j, expect;
    spin_lock(vmap_area_lock);
    expect = id[s];
    free_vmap_area_locked(s, expect);
    release_vmap_area_lock();
    workers--
}

/* purge_vmap_area_lazy() called directly (the trace operation "purge"); with waitLazy, only
 * after every lazy free of the scenario has returned (for the LTL property) */
proctype Purge(bool waitLazy) {
    bool got;
    byte nr, i, j, tmp;
    int tmp2;
    byte batch[K];
    byte snap[K];
    if :: waitLazy -> lazyDone :: else -> skip fi;
    sync_purge();
    workers--
}

/* free_vmap_area_noflush(va) of slot s1, then of slot s2 (once if s1 == s2), then lazyDone;
 * J: LazyPurge.freeVmapAreaNoflush; no lock taken */
proctype LazyFrees(byte s1; byte s2) {
    bool got;
    byte nr, i, j, tmp, f;
    int tmp2;
    byte batch[K];
    byte s = s1;
again:
    /* J: LazyPurge.java:69; K: va->flags |= VM_LAZY_FREE;  (plain RMW outside any lock) */
    f = flags[s];
    atomic { flags[s] = f | VM_LAZY_FREE; nlazy++; lfPending++ }
    /* J: LazyPurge.java:72; K: atomic_add((va->va_end - va->va_start) >> PAGE_SHIFT, &vmap_lazy_nr); */
    atomic { N = N + PAGES; lfPending-- }
    /* J: LazyPurge.java:75; K: if (unlikely(atomic_read(&vmap_lazy_nr) > lazy_max_pages()))  (int vs unsigned long:
     *    a negative counter compares as huge) try_purge_vmap_area_lazy(); */
    if
    :: N < 0 || N > LMAX -> purge(false)
    :: else -> skip
    fi;
    if :: s != s2 -> s = s2; goto again :: else -> skip fi;
    lazyDone = true;
    workers--
}

/* sequential setup: allocate slots [0, n) in order (the cache ends on slot n - 1) */
inline setup_alloc(n) {
    j = 0;
    do
    :: j < n -> id[j] = nextId; nextId++; cache = j; cacheId = id[j]; j++
    :: else -> break
    od
}
inline setup_lazy(s) {
    flags[s] = VM_LAZY_FREE; nlazy++; N = N + PAGES
}

/* the transient bounds of vmap_lazy_nr (jpf/README.md, docs/findings.md F-CONC-NR-NEGATIVE):
 * -(lazy frees between flag and atomic_add) <= N <= (areas flagged lazy in the tree) */
#define NR_BOUNDS (N >= -lfPending * PAGES && N <= nlazy * PAGES)

active proctype Bounds() {
end: do
    :: atomic { !NR_BOUNDS -> assert(NR_BOUNDS) }
    od
}

init {
    byte j, k;
    d_step {
#if SCEN == 1
        /* ALLOC_OVERFLOW_PURGE_RETRY_3: 2 slots, slot 0 lazy; 2 allocations + lazy free of slot 1 */
        setup_alloc(2); setup_lazy(0)
#elif SCEN == 2
        /* LAZYFREE_THRESHOLD_VS_SYNC_PURGE_2: 3 slots, 0 and 1 lazy; lazy free of 2 crosses
         * lazy_max_pages; an allocation overflows and purges */
        setup_alloc(3); setup_lazy(0); setup_lazy(1)
#elif SCEN == 3
        /* FREE_RACES_PURGE_SCAN_3: 3 slots, 0 and 2 lazy; free of 1, a purge, an allocation */
        setup_alloc(3); setup_lazy(0); setup_lazy(2)
#elif SCEN == 4
        /* ALLOC_RACES_PURGE_OF_CACHED: slots 0, 1 allocated (cache = 1); immediate free of 0,
         * lazy free of 1 then a sync purge (which frees the cached area), an allocation */
        setup_alloc(2)
#else
        /* MIX: 3 slots, slot 0 lazy; lazy frees of 1 and 2 (the second crosses lazy_max_pages,
         * try-purge), 2 allocations (overflow, purge, retry), a sync purge after the lazy frees */
        setup_alloc(3); setup_lazy(0)
#endif
    }
    atomic {
#if SCEN == 1
        workers = 3; run Alloc(); run Alloc(); run LazyFrees(1, 1)
#elif SCEN == 2
        workers = 2; run LazyFrees(2, 2); run Alloc()
#elif SCEN == 3
        workers = 3; run Free(1); run Purge(false); run Alloc()
#elif SCEN == 4
        workers = 4; run Free(0); run LazyFrees(1, 1); run Purge(true); run Alloc()
#else
        workers = 4; run LazyFrees(1, 2); run Alloc(); run Alloc(); run Purge(true)
#endif
    }
    /* quiescence: every worker has returned */
    workers == 0;
    d_step {
        /* Q-INV, Q-LAZY, Q-LOST at quiescence */
        assert(INV_CACHE);
        assert(vmap_area_lock == 0 && purge_lock == 0);
        k = 0;
        j = 0;
        do
        :: j < K ->
            assert(id[j] == 0 || (flags[j] & VM_LAZY_FREEING) == 0);
            if :: id[j] != 0 && flags[j] == VM_LAZY_FREE -> k++ :: else -> skip fi;
            j++
        :: else -> break
        od;
        assert(N == k * PAGES);
#if SCEN == 2 || SCEN == 3
        /* Q-FAIL: an area was lazy before the allocation started, so it succeeded */
        assert(allocFailed == 0);
#elif SCEN == 1
        assert(allocOk >= 1);
#endif
        j = 0; k = 0
    }
}

/* LTL (checked one at a time with pan -a -N name; see check.sh):
 * purged: every lazily freed area is eventually purged, in the scenarios where a sync purge runs
 *         after the last lazy free and no one frees lazily afterwards (SCEN 4 and 5); a deadlock
 *         (stuttering with lazy areas left) violates it as well.
 * nr_nonneg: vmap_lazy_nr never goes negative; EXPECTED TO FAIL on the port: the counterexample
 *         is the interleaving of finding F-CONC-NR-NEGATIVE. */
ltl purged { <> [] (nlazy == 0) }
ltl quiescent_nr { [] ((workers == 0) -> (N == nlazy * PAGES)) }
ltl nr_nonneg { [] (N >= 0) }
