package vmapref.kernel;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The global vmap area allocator of mm/vmalloc.c (Linux v4.5): {@code vmap_area_lock} and the
 * locking structure of {@code alloc_vmap_area} (lock, attempt, unlock, purge, retry once),
 * {@code free_vmap_area} and {@code find_vmap_area}. The sequential search and cache code runs in
 * {@link FreeVmapCache} under the lock; the lazy-free side lives in {@link LazyPurge}.
 *
 * <p>The comment above each Java statement quotes the kernel line it implements; docs/fidelity.md
 * maps every line. Spec ids: OP-ALLOC, OP-FREE, OP-FIND (spec/SPEC.md).
 */
public final class VmapAreaAllocator {
    /** {@code static DEFINE_SPINLOCK(vmap_area_lock)}: guards the tree, the list and the cache. */
    final ReentrantLock vmapAreaLock = new ReentrantLock();
    /** {@code vmap_area_root}. */
    final VmapAreaTree tree = new VmapAreaTree();
    /** {@code vmap_area_list}. */
    final VmapAreaList list = new VmapAreaList();
    /** {@code free_vmap_cache} and the {@code cached_*} globals, with the search that uses them. */
    final FreeVmapCache cache = new FreeVmapCache(tree);
    /** The lazy-free and purge half of the allocator (it holds {@code vmap_lazy_nr}). */
    private final LazyPurge lazyPurge;

    private volatile PathListener listener;

    /**
     * An empty allocator: empty tree and list, {@code free_vmap_cache == NULL}, cache globals 0,
     * {@code vmap_lazy_nr == 0} (spec INIT).
     *
     * @param numOnlineCpus {@code num_online_cpus()}, which sets {@code lazy_max_pages()}
     */
    public VmapAreaAllocator(int numOnlineCpus) {
        this(allocator -> new LazyPurge(allocator, numOnlineCpus));
    }

    /**
     * An empty allocator whose lazy-free half is made by {@code lazyPurgeFactory}: the seam through
     * which the concurrency tests (jpf/README.md) install seeded protocol mutants, subclasses of
     * {@link LazyPurge}. The public constructor passes {@code new LazyPurge(allocator, cpus)}.
     */
    VmapAreaAllocator(Function<VmapAreaAllocator, LazyPurge> lazyPurgeFactory) {
        this.lazyPurge = lazyPurgeFactory.apply(this);
    }

    /** Sends every {@link KernelPath} taken from now on to {@code listener} (null: none). */
    public void setPathListener(PathListener listener) {
        this.listener = listener;
    }

    void trace(KernelPath path) {
        PathListener l = listener;
        if (l != null) {
            l.on(path);
        }
    }

    private void traceBits(int bits) {
        PathListener l = listener;
        if (l != null) {
            for (KernelPath p : KernelPath.values()) {
                if ((p.bit & bits) != 0) {
                    l.on(p);
                }
            }
        }
    }

    /** The lazy-free half: {@code free_vmap_area_noflush}, the purges and {@code vmap_lazy_nr}. */
    public LazyPurge lazyPurge() {
        return lazyPurge;
    }

    /**
     * {@code alloc_vmap_area(size, align, vstart, vend, node, gfp_mask)}: allocate
     * {@code [addr, addr + size)} with {@code addr} a multiple of {@code align} inside
     * {@code [vstart, vend]}, searching from the cached area when the cache may be used. On
     * failure purges lazily freed areas once and retries.
     *
     * @return the new area, or null for {@code ERR_PTR(-EBUSY)}
     * @throws KernelBug for the three {@code BUG_ON} preconditions and the three after
     *     {@code found:}
     * @throws OutsideModel when the kernel would insert an overlapping area (F-ALIGN-WRAP)
     */
    public VmapArea allocVmapArea(long size, long align, long vstart, long vend) {
        // BUG_ON(!size);
        if (size == 0) {
            throw new KernelBug("BUG_ON(!size)");
        }
        // BUG_ON(offset_in_page(size));
        if ((size & (VmapArea.PAGE_SIZE - 1)) != 0) {
            throw new KernelBug("BUG_ON(offset_in_page(size))");
        }
        // BUG_ON(!is_power_of_2(align));
        if (!Ulong.isPowerOf2(align)) {
            throw new KernelBug("BUG_ON(!is_power_of_2(align))");
        }
        // va = kmalloc_node(...): the area object is created at found: (ENOMEM is not modelled)
        // int purged = 0;
        boolean purged = false;
        while (true) {
            VmapArea va = null;
            OutsideModel outside = null;
            int bits;
            // retry: spin_lock(&vmap_area_lock);
            vmapAreaLock.lock();
            try {
                try {
                    va = cache.alloc(size, align, vstart, vend);
                } catch (OutsideModel e) {
                    outside = e;
                }
                bits = cache.paths;
                if (va != null) {
                    // __insert_vmap_area(va), list half: list_add_rcu after rb_prev, or at the head
                    int pos = tree.indexOf(va);
                    list.addAfter(va, pos > 0 ? tree.area(pos - 1) : null);
                }
            } finally {
                // spin_unlock(&vmap_area_lock);  (at found: and at overflow:)
                vmapAreaLock.unlock();
            }
            traceBits(bits);
            if (outside != null) {
                // The kernel links the overlapping area, unlocks and runs the three BUG_ONs:
                // report the BUG_ON it would hit, else stop (its tree is no longer ordered).
                checkFound(outside.area, align, vstart, vend);
                throw outside;
            }
            if (va != null) {
                checkFound(va, align, vstart, vend);
                // return va;
                return va;
            }
            // overflow: if (!purged) { purge_vmap_area_lazy(); purged = 1; goto retry; }
            if (!purged) {
                trace(KernelPath.OVERFLOW_PURGE_RETRY);
                lazyPurge.purgeVmapAreaLazy();
                purged = true;
                continue;
            }
            // if (printk_ratelimit()) pr_warn(...); kfree(va); return ERR_PTR(-EBUSY);
            trace(KernelPath.OVERFLOW_EBUSY);
            return null;
        }
    }

    /** The three {@code BUG_ON}s after {@code found:} (after the unlock, as in the kernel). */
    private static void checkFound(VmapArea va, long align, long vstart, long vend) {
        // BUG_ON(!IS_ALIGNED(va->va_start, align));
        if ((va.vaStart & (align - 1)) != 0) {
            throw new KernelBug("BUG_ON(!IS_ALIGNED(va->va_start, align))");
        }
        // BUG_ON(va->va_start < vstart);
        if (Ulong.lt(va.vaStart, vstart)) {
            throw new KernelBug("BUG_ON(va->va_start < vstart)");
        }
        // BUG_ON(va->va_end > vend);
        if (Ulong.gt(va.vaEnd, vend)) {
            throw new KernelBug("BUG_ON(va->va_end > vend)");
        }
    }

    /**
     * {@code __free_vmap_area(va)}: the cache update and {@code rb_erase} ({@link FreeVmapCache#free}),
     * then {@code list_del_rcu}. Caller holds {@code vmap_area_lock}. The
     * {@code vmap_area_pcpu_hole} update is not modelled (only {@code pcpu_get_vm_areas} reads it),
     * and {@code kfree_rcu} is the garbage collector.
     */
    void freeVmapAreaLocked(VmapArea va) {
        try {
            cache.free(va);
        } finally {
            traceBits(cache.paths);
        }
        // list_del_rcu(&va->list);
        list.delete(va);
    }

    /** {@code free_vmap_area(va)}: {@code __free_vmap_area} under {@code vmap_area_lock}. */
    public void freeVmapArea(VmapArea va) {
        // spin_lock(&vmap_area_lock);
        vmapAreaLock.lock();
        try {
            // __free_vmap_area(va);
            freeVmapAreaLocked(va);
        } finally {
            // spin_unlock(&vmap_area_lock);
            vmapAreaLock.unlock();
        }
    }

    /** {@code find_vmap_area(addr)}: {@code __find_vmap_area} under {@code vmap_area_lock}. */
    public VmapArea findVmapArea(long addr) {
        vmapAreaLock.lock();
        try {
            return tree.find(addr);
        } finally {
            vmapAreaLock.unlock();
        }
    }

    /** {@code free_vmap_area_noflush(va)} (see {@link LazyPurge#freeVmapAreaNoflush}). */
    public void freeVmapAreaNoflush(VmapArea va) {
        lazyPurge.freeVmapAreaNoflush(va);
    }

    /** {@code purge_vmap_area_lazy()} (see {@link LazyPurge#purgeVmapAreaLazy}). */
    public void purgeVmapAreaLazy() {
        lazyPurge.purgeVmapAreaLazy();
    }

    /** The area tree. Read it only under {@link #lock()} or while no operation runs. */
    public VmapAreaTree tree() {
        return tree;
    }

    /** {@code vmap_area_lock}, for callers that read the state while other threads run. */
    public ReentrantLock lock() {
        return vmapAreaLock;
    }

    /** {@code free_vmap_cache}, or null. Same locking rule as {@link #tree()}. */
    public VmapArea freeVmapCache() {
        return cache.freeVmapCache;
    }

    /** {@code cached_hole_size}. */
    public long cachedHoleSize() {
        return cache.cachedHoleSize;
    }

    /** {@code cached_vstart}. */
    public long cachedVstart() {
        return cache.cachedVstart;
    }

    /** {@code cached_align}. */
    public long cachedAlign() {
        return cache.cachedAlign;
    }

    /**
     * Checks the representation invariants INV-NONEMPTY, INV-ORDER, INV-DISJOINT, INV-LIST and
     * INV-CACHE (spec/SPEC.md), the same predicates as the JML class invariants. Call it only while
     * no other thread runs an operation.
     *
     * @return null when they all hold, else a description of the first violation
     */
    public String checkInvariants() {
        int n = tree.size();
        for (int i = 0; i < n; i++) {
            VmapArea va = tree.area(i);
            if (va.vaStart != tree.start(i) || va.vaEnd != tree.end(i)) {
                return "INV-ORDER: bounds of area " + i + " differ from the arrays";
            }
            if (!Ulong.lt(va.vaStart, va.vaEnd)) {
                return "INV-NONEMPTY: area " + i + " is empty or wraps";
            }
            if (i > 0 && !Ulong.le(tree.end(i - 1), va.vaStart)) {
                return "INV-ORDER/INV-DISJOINT: area " + (i - 1) + " does not end before area " + i + " starts";
            }
        }
        VmapArea e = list.first();
        for (int i = 0; i < n; i++, e = e.next) {
            if (e != tree.area(i)) {
                return "INV-LIST: list entry " + i + " is not the tree's area " + i;
            }
        }
        if (!list.isHead(e)) {
            return "INV-LIST: the list is longer than the tree";
        }
        VmapArea c = cache.freeVmapCache;
        if (c != null && tree.indexOf(c) < 0) {
            return "INV-CACHE: free_vmap_cache is not an area of the tree";
        }
        return null;
    }

    /**
     * Checks PROP-HOLE, cache-hole soundness (spec/SPEC.md): when {@code free_vmap_cache} is set,
     * no free interval below it that starts at or above {@code cached_vstart} at a multiple of
     * {@code cached_align} is longer than {@code cached_hole_size}. For each gap below the cached
     * area it measures the longest such interval, from {@code ALIGN(max(gap start, cached_vstart),
     * cached_align)} to the next area's start, up to and including the gap just below the cached
     * area. PROP-HOLE is not in the JML (proofs/REPORT.md): this check is what tests it. Call it
     * only while no other thread runs an operation.
     *
     * @return null when it holds, else a description of the first violation
     */
    public String checkCacheHole() {
        VmapArea c = cache.freeVmapCache;
        if (c == null) {
            return null;
        }
        long prevEnd = 0;
        int n = tree.size();
        for (int i = 0; i < n; i++) {
            long from = Ulong.gt(prevEnd, cache.cachedVstart) ? prevEnd : cache.cachedVstart;
            long a = Ulong.align(from, cache.cachedAlign);
            long next = tree.start(i);
            if (Ulong.ge(a, from) && Ulong.lt(a, next) && Ulong.gt(next - a, cache.cachedHoleSize)) {
                return "PROP-HOLE: free [0x" + Long.toHexString(a) + ", 0x" + Long.toHexString(next)
                        + ") below free_vmap_cache is longer than cached_hole_size 0x"
                        + Long.toHexString(cache.cachedHoleSize);
            }
            if (tree.area(i) == c) {
                return null;
            }
            prevEnd = tree.end(i);
        }
        return null;
    }
}
