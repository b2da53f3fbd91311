package vmapref.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import vmapref.kernel.VmapArea;
import vmapref.kernel.VmapAreaAllocator;

/**
 * The invariant check that every property calls after every operation
 * ({@link VmapAreaAllocator#checkInvariants()}) is not vacuous: a state broken through the tree's
 * public methods is reported under the right spec id. (INV-CACHE cannot be broken from outside the
 * kernel package without breaking INV-LIST first.)
 */
class InvariantCheckerTest {
    private static VmapAreaAllocator withArea(long start, long end) {
        VmapAreaAllocator a = new VmapAreaAllocator(1);
        a.allocVmapArea(end - start, 1, start, end);
        assertNull(a.checkInvariants());
        return a;
    }

    @Test
    void anEmptyAreaBreaksINV_NONEMPTY() {
        VmapAreaAllocator a = new VmapAreaAllocator(1);
        a.tree().insert(0, new VmapArea(0x5000, 0x5000));
        assertEquals("INV-NONEMPTY: area 0 is empty or wraps", a.checkInvariants());
    }

    @Test
    void anOverlapBreaksINV_ORDER_and_INV_DISJOINT() {
        VmapAreaAllocator a = withArea(0x100000, 0x102000);
        a.tree().insert(1, new VmapArea(0x101000, 0x103000));
        assertEquals("INV-ORDER/INV-DISJOINT: area 0 does not end before area 1 starts", a.checkInvariants());
    }

    @Test
    void anAreaMissingFromTheListBreaksINV_LIST() {
        VmapAreaAllocator a = withArea(0x100000, 0x102000);
        a.tree().insert(1, new VmapArea(0x102000, 0x103000));
        assertEquals("INV-LIST: list entry 1 is not the tree's area 1", a.checkInvariants());
    }

    @Test
    void anAreaLeftInTheListBreaksINV_LIST() {
        VmapAreaAllocator a = withArea(0x100000, 0x102000);
        a.allocVmapArea(0x1000, 1, 0x100000, 0x200000);
        a.tree().remove(1);
        assertEquals("INV-LIST: the list is longer than the tree", a.checkInvariants());
    }
}
