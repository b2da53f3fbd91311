package vmapref.fuzz;

/**
 * One generated operation before it meets an allocator state. An alloc carries its concrete
 * arguments except the range, which is the {@code slot}-th range of its {@link Program}; a free or
 * lazyfree carries a {@code pick} that selects one of the areas that are live when it runs
 * (the {@code pick mod n}-th in address order), so every free names a live area and shrinking a
 * trace never makes a free invalid.
 *
 * @param kind which trace operation
 * @param size alloc: SIZE in bytes (a whole number of pages)
 * @param align alloc: ALIGN (a power of two)
 * @param slot alloc: index of the range in {@link Program#ranges()}
 * @param pick free, lazyfree: selects the live area; alloc: the step between two {@code vstart}s
 *     in the monotone-{@code vstart} generators
 */
record Step(Kind kind, long size, long align, int slot, int pick) {
    /** The four trace operations. */
    enum Kind {
        ALLOC, FREE, LAZYFREE, PURGE
    }

    static Step alloc(long size, long align, int slot) {
        return new Step(Kind.ALLOC, size, align, slot, 0);
    }

    static Step free(int pick) {
        return new Step(Kind.FREE, 0, 0, 0, pick);
    }

    static Step lazyfree(int pick) {
        return new Step(Kind.LAZYFREE, 0, 0, 0, pick);
    }

    static Step purge() {
        return new Step(Kind.PURGE, 0, 0, 0, 0);
    }
}
