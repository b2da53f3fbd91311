package vmapref.kernel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Lazy freeing and purging of vmap areas (mm/vmalloc.c, Linux v4.5): {@code vmap_lazy_nr},
 * {@code lazy_max_pages}, {@code free_vmap_area_noflush}, {@code __purge_vmap_area_lazy} with its
 * static {@code purge_lock}, {@code try_purge_vmap_area_lazy} and {@code purge_vmap_area_lazy}.
 *
 * <p>Lock order as in the kernel: {@code purge_lock} before {@code vmap_area_lock}; the purge walks
 * {@code vmap_area_list} under RCU only. TLB flushing and per-CPU vmap blocks
 * ({@code purge_fragmented_blocks_allcpus}) are out of scope and are no-ops. Spec ids: OP-LAZYFREE,
 * OP-PURGE, INV-LAZY (spec/SPEC.md).
 *
 * <p>Not final only so that the concurrency tests can seed protocol mutants as test-side subclasses
 * (installed through the package-private constructor of {@link VmapAreaAllocator}); the port
 * itself always uses this class as is.
 */
public class LazyPurge {
    /** The allocator whose {@code vmap_area_lock}, list and tree the purge works on. */
    final VmapAreaAllocator allocator;
    private final int numOnlineCpus;

    /** {@code static DEFINE_SPINLOCK(purge_lock)} of {@code __purge_vmap_area_lazy}. */
    final ReentrantLock purgeLock = new ReentrantLock();

    /** {@code static atomic_t vmap_lazy_nr}: pages of lazily freed areas not yet collected. */
    final AtomicInteger vmapLazyNr = new AtomicInteger();

    LazyPurge(VmapAreaAllocator allocator, int numOnlineCpus) {
        this.allocator = allocator;
        this.numOnlineCpus = numOnlineCpus;
    }

    /** {@code atomic_read(&vmap_lazy_nr)}. */
    public int vmapLazyNr() {
        return vmapLazyNr.get();
    }

    /** {@code purge_lock}, exposed for concurrency tests that hold it to force the try-lock path. */
    public ReentrantLock purgeLock() {
        return purgeLock;
    }

    /**
     * {@code lazy_max_pages()}: {@code fls(num_online_cpus()) * (32UL * 1024 * 1024 / PAGE_SIZE)},
     * 8192 pages for one CPU.
     */
    public long lazyMaxPages() {
        // unsigned int log = fls(num_online_cpus());
        int log = fls(numOnlineCpus);
        // return log * (32UL * 1024 * 1024 / PAGE_SIZE);
        return Integer.toUnsignedLong(log) * (32L * 1024 * 1024 / VmapArea.PAGE_SIZE);
    }

    /** The kernel's {@code fls(x)}: 1-based index of the most significant set bit, 0 for 0. */
    static int fls(int x) {
        return 32 - Integer.numberOfLeadingZeros(x);
    }

    /**
     * {@code free_vmap_area_noflush(va)}: mark {@code va} lazily freed and account its pages;
     * try a purge once more than {@code lazy_max_pages()} pages wait. Takes no lock: the flag
     * update is a plain read-modify-write, as in C.
     */
    public void freeVmapAreaNoflush(VmapArea va) {
        // va->flags |= VM_LAZY_FREE;
        va.flags |= VmapArea.VM_LAZY_FREE;
        // atomic_add((va->va_end - va->va_start) >> PAGE_SHIFT, &vmap_lazy_nr);
        // (atomic_add takes an int: the page count is truncated to 32 bits)
        vmapLazyNr.getAndAdd((int) va.pages());
        // if (unlikely(atomic_read(&vmap_lazy_nr) > lazy_max_pages()))
        // (int compared with unsigned long: a negative counter converts to a huge value)
        if (Ulong.gt(vmapLazyNr.get(), lazyMaxPages())) {
            allocator.trace(KernelPath.LAZY_THRESHOLD_CROSSED);
            // try_purge_vmap_area_lazy();
            tryPurgeVmapAreaLazy();
        }
    }

    /** {@code try_purge_vmap_area_lazy()}: {@code __purge_vmap_area_lazy(&start, &end, 0, 0)}. */
    public void tryPurgeVmapAreaLazy() {
        purgeVmapAreaLazy(false, false);
    }

    /** {@code purge_vmap_area_lazy()}: {@code __purge_vmap_area_lazy(&start, &end, 1, 0)}. */
    public void purgeVmapAreaLazy() {
        purgeVmapAreaLazy(true, false);
    }

    /**
     * {@code __purge_vmap_area_lazy(start, end, sync, force_flush)}: collect every
     * {@code VM_LAZY_FREE} area in list (address) order, flag it {@code VM_LAZY_FREEING}, take its
     * pages off {@code vmap_lazy_nr}, and free the batch lowest address first under
     * {@code vmap_area_lock}. The flush range ({@code *start}, {@code *end}) only feeds the TLB
     * flush, a no-op here. The body is split into the package-private steps below, in kernel
     * order, so that the concurrency tests can replace one step in a seeded mutant.
     */
    void purgeVmapAreaLazy(boolean sync, boolean forceFlush) {
        if (!acquirePurgeLock(sync, forceFlush)) {
            allocator.trace(KernelPath.PURGE_TRYLOCK_BUSY);
            return;
        }
        try {
            // if (sync) purge_fragmented_blocks_allcpus();  (per-CPU vmap blocks: out of scope)
            Batch batch = collectLazyAreas();
            // if (nr) atomic_sub(nr, &vmap_lazy_nr);
            if (batch.nr != 0) {
                subtractLazyPages(batch.nr);
            }
            // if (nr || force_flush) flush_tlb_kernel_range(*start, *end);  (no-op)
            // if (nr) { spin_lock(&vmap_area_lock); ... }  (freeBatch)
            if (batch.nr != 0) {
                freeBatch(batch.head);
                allocator.trace(KernelPath.PURGE_BATCH_FREED);
            } else {
                allocator.trace(KernelPath.PURGE_NOTHING);
            }
        } finally {
            releasePurgeLock();
        }
    }

    /** The {@code valist} of one purge (linked through {@code purge_list}) and its {@code int nr}. */
    static final class Batch {
        /** First member of {@code valist} (lowest address), or null when it is empty. */
        VmapArea head;
        /** {@code nr}: the members' pages, summed in 32-bit {@code int} arithmetic. */
        int nr;
    }

    /**
     * The locking prologue of {@code __purge_vmap_area_lazy}.
     *
     * @return false when the try-lock found {@code purge_lock} busy (the purge returns at once)
     */
    boolean acquirePurgeLock(boolean sync, boolean forceFlush) {
        // if (!sync && !force_flush) { if (!spin_trylock(&purge_lock)) return; }
        // else spin_lock(&purge_lock);
        if (!sync && !forceFlush) {
            return purgeLock.tryLock();
        }
        purgeLock.lock();
        return true;
    }

    /** {@code spin_unlock(&purge_lock)} at the end of {@code __purge_vmap_area_lazy}. */
    void releasePurgeLock() {
        // spin_unlock(&purge_lock);
        purgeLock.unlock();
    }

    /**
     * The RCU scan of {@code __purge_vmap_area_lazy}: {@code vmap_area_lock} is not held, so other
     * threads may insert and delete list entries meanwhile (see {@link VmapAreaList}).
     */
    Batch collectLazyAreas() {
        // int nr = 0; LIST_HEAD(valist);
        Batch batch = new Batch();
        VmapArea batchTail = null;
        // rcu_read_lock(); list_for_each_entry_rcu(va, &vmap_area_list, list) {
        VmapAreaList list = allocator.list;
        for (VmapArea va = list.first(); !list.isHead(va); va = va.next) {
            // if (va->flags & VM_LAZY_FREE) {
            if ((va.flags & VmapArea.VM_LAZY_FREE) != 0) {
                // nr += (va->va_end - va->va_start) >> PAGE_SHIFT;  (int nr)
                batch.nr = (int) (batch.nr + va.pages());
                // list_add_tail(&va->purge_list, &valist);
                va.purgeNext = null;
                if (batchTail == null) {
                    batch.head = va;
                } else {
                    batchTail.purgeNext = va;
                }
                batchTail = va;
                // va->flags |= VM_LAZY_FREEING; va->flags &= ~VM_LAZY_FREE;
                va.flags |= VmapArea.VM_LAZY_FREEING;
                va.flags &= ~VmapArea.VM_LAZY_FREE;
            }
        }
        // rcu_read_unlock();
        return batch;
    }

    /** {@code atomic_sub(nr, &vmap_lazy_nr)}. */
    void subtractLazyPages(int nr) {
        vmapLazyNr.getAndAdd(-nr);
    }

    /**
     * {@code spin_lock(&vmap_area_lock); list_for_each_entry_safe(va, n_va, &valist, purge_list)
     * __free_vmap_area(va); spin_unlock(&vmap_area_lock);}
     */
    void freeBatch(VmapArea head) {
        // spin_lock(&vmap_area_lock);
        allocator.vmapAreaLock.lock();
        try {
            // list_for_each_entry_safe(va, n_va, &valist, purge_list) __free_vmap_area(va);
            VmapArea va = head;
            while (va != null) {
                VmapArea nVa = va.purgeNext;
                va.purgeNext = null;
                allocator.freeVmapAreaLocked(va);
                va = nVa;
            }
        } finally {
            // spin_unlock(&vmap_area_lock); }
            allocator.vmapAreaLock.unlock();
        }
    }
}
