package vmapref.kernel;

/**
 * Seeded concurrency bugs of the lock / lazy-free / purge protocol (issue 3, jpf/README.md), each
 * a test-side subclass of {@link LazyPurge} that replaces one step of the port, installed through
 * the package-private constructor of {@link VmapAreaAllocator}. Production code has no test-only
 * branch: {@link Mutant#CORRECT} builds exactly the port. The Promela model (jpf/vmap_protocol.pml)
 * carries the same mutants under the same names.
 */
public final class MutantProtocols {
    private MutantProtocols() {
    }

    /** The mutants; the Javadoc of each says what a developer might have written instead. */
    public enum Mutant {
        /** The port itself. */
        CORRECT,
        /**
         * Lock order inversion: the sync purge takes {@code vmap_area_lock} before
         * {@code purge_lock} (to scan "safely" under the area lock); the try-purge keeps the kernel
         * order {@code purge_lock} then {@code vmap_area_lock}.
         */
        LOCK_ORDER,
        /**
         * Batch collected and freed in separate lock sections: {@code purge_lock} is dropped after
         * the scan and {@code atomic_sub}, before the batch is freed under {@code vmap_area_lock}.
         */
        PURGE_WINDOW,
        /**
         * Counter updated outside the accounting rule: the purge resets {@code vmap_lazy_nr} to 0
         * ("we purged everything") instead of subtracting the pages it collected.
         */
        COUNTER_RESET,
        /**
         * Counter updated outside the accounting rule: the purge subtracts with a plain
         * read-then-write ({@code atomic_set(atomic_read() - nr)}) instead of {@code atomic_sub}.
         */
        COUNTER_NONATOMIC,
        /**
         * Retry without dropping the lock: {@code alloc_vmap_area}'s {@code overflow:} path calls
         * {@code purge_vmap_area_lazy()} with {@code vmap_area_lock} still held. Injected by wrapping
         * the sync purge entry, which in the scenarios only the allocation's retry calls.
         */
        RETRY_LOCKED,
        /**
         * Purge skipping the try-lock: {@code try_purge_vmap_area_lazy} scans and frees without
         * {@code purge_lock} ("the lock is only there to avoid duplicate work").
         */
        NO_TRYLOCK,
        /**
         * Cache pointer left dangling: the purge frees its batch with {@code rb_erase} and
         * {@code list_del_rcu} only, skipping {@code __free_vmap_area}'s {@code free_vmap_cache}
         * fix-up, so an allocation racing with the purge of the cached area finds a freed cache.
         */
        DANGLING_CACHE;

        /**
         * A fresh allocator (one CPU: {@code lazy_max_pages() == 8192}) with this protocol. The
         * mutant class is loaded here, on first use inside the exploration, not by the enum's
         * static initializer.
         */
        public VmapAreaAllocator newAllocator() {
            return new VmapAreaAllocator(this::lazyPurge);
        }

        private LazyPurge lazyPurge(VmapAreaAllocator a) {
            return switch (this) {
                case CORRECT -> new LazyPurge(a, 1);
                case LOCK_ORDER -> new LockOrder(a);
                case PURGE_WINDOW -> new PurgeWindow(a);
                case COUNTER_RESET -> new CounterReset(a);
                case COUNTER_NONATOMIC -> new CounterNonAtomic(a);
                case RETRY_LOCKED -> new RetryLocked(a);
                case NO_TRYLOCK -> new NoTrylock(a);
                case DANGLING_CACHE -> new DanglingCache(a);
            };
        }
    }

    private static final class LockOrder extends LazyPurge {
        LockOrder(VmapAreaAllocator a) {
            super(a, 1);
        }

        @Override
        boolean acquirePurgeLock(boolean sync, boolean forceFlush) {
            if (sync) {
                // MUTANT: spin_lock(&vmap_area_lock); spin_lock(&purge_lock);
                allocator.vmapAreaLock.lock();
                purgeLock.lock();
                return true;
            }
            return super.acquirePurgeLock(sync, forceFlush);
        }

        @Override
        void releasePurgeLock() {
            super.releasePurgeLock();
            if (allocator.vmapAreaLock.isHeldByCurrentThread()) {
                allocator.vmapAreaLock.unlock();
            }
        }
    }

    private static final class PurgeWindow extends LazyPurge {
        PurgeWindow(VmapAreaAllocator a) {
            super(a, 1);
        }

        @Override
        void purgeVmapAreaLazy(boolean sync, boolean forceFlush) {
            if (!acquirePurgeLock(sync, forceFlush)) {
                return;
            }
            Batch batch;
            try {
                batch = collectLazyAreas();
                if (batch.nr != 0) {
                    subtractLazyPages(batch.nr);
                }
            } finally {
                // MUTANT: spin_unlock(&purge_lock) before the batch is freed
                releasePurgeLock();
            }
            if (batch.nr != 0) {
                freeBatch(batch.head);
            }
        }
    }

    private static final class CounterReset extends LazyPurge {
        CounterReset(VmapAreaAllocator a) {
            super(a, 1);
        }

        @Override
        void subtractLazyPages(int nr) {
            // MUTANT: atomic_set(&vmap_lazy_nr, 0);
            vmapLazyNr.set(0);
        }
    }

    private static final class CounterNonAtomic extends LazyPurge {
        CounterNonAtomic(VmapAreaAllocator a) {
            super(a, 1);
        }

        @Override
        void subtractLazyPages(int nr) {
            // MUTANT: atomic_set(&vmap_lazy_nr, atomic_read(&vmap_lazy_nr) - nr);
            int n = vmapLazyNr.get();
            vmapLazyNr.set(n - nr);
        }
    }

    private static final class RetryLocked extends LazyPurge {
        RetryLocked(VmapAreaAllocator a) {
            super(a, 1);
        }

        @Override
        public void purgeVmapAreaLazy() {
            // MUTANT: overflow: without spin_unlock(&vmap_area_lock) before purge_vmap_area_lazy()
            allocator.vmapAreaLock.lock();
            try {
                super.purgeVmapAreaLazy();
            } finally {
                allocator.vmapAreaLock.unlock();
            }
        }
    }

    private static final class NoTrylock extends LazyPurge {
        NoTrylock(VmapAreaAllocator a) {
            super(a, 1);
        }

        @Override
        boolean acquirePurgeLock(boolean sync, boolean forceFlush) {
            if (!sync && !forceFlush) {
                // MUTANT: no spin_trylock(&purge_lock)
                return true;
            }
            return super.acquirePurgeLock(sync, forceFlush);
        }

        @Override
        void releasePurgeLock() {
            if (purgeLock.isHeldByCurrentThread()) {
                super.releasePurgeLock();
            }
        }
    }

    private static final class DanglingCache extends LazyPurge {
        DanglingCache(VmapAreaAllocator a) {
            super(a, 1);
        }

        @Override
        void freeBatch(VmapArea head) {
            allocator.vmapAreaLock.lock();
            try {
                for (VmapArea va = head; va != null; va = va.purgeNext) {
                    // MUTANT: rb_erase + list_del_rcu without the free_vmap_cache update
                    allocator.tree.remove(allocator.tree.indexOf(va));
                    allocator.list.delete(va);
                }
            } finally {
                allocator.vmapAreaLock.unlock();
            }
        }
    }
}
