package vmapref.kernel;

/**
 * {@code vmap_area_list}: the address-sorted, RCU-protected list of all areas. Writers hold
 * {@code vmap_area_lock}; {@code __purge_vmap_area_lazy} walks it under {@code rcu_read_lock()}
 * only. The links follow {@code list_add_rcu} / {@code list_del_rcu}: a new entry is filled in
 * before it is published, and a deleted entry keeps its {@code next}, so a reader standing on it
 * goes on. The Java garbage collector plays the grace period of {@code kfree_rcu}.
 *
 * <p>Invariant (spec INV-LIST): walking from the head visits exactly the tree's areas in in-order.
 */
public final class VmapAreaList {
    /** {@code LIST_HEAD(vmap_area_list)}: a sentinel that is never an area of the tree. */
    private final VmapArea head = new VmapArea(0, 0);

    VmapAreaList() {
        head.next = head;
        head.prev = head;
    }

    /** {@code list_add_rcu(&va->list, &prev->list)}, or at the head when {@code prev} is null. */
    void addAfter(VmapArea va, VmapArea prev) {
        VmapArea p = prev == null ? head : prev;
        VmapArea n = p.next;
        va.next = n;
        va.prev = p;
        p.next = va;
        n.prev = va;
    }

    /** {@code list_del_rcu(&va->list)}: unlink {@code va}; its {@code next} stays valid. */
    void delete(VmapArea va) {
        va.prev.next = va.next;
        va.next.prev = va.prev;
        va.prev = null;
    }

    /** First entry, for {@code list_for_each_entry_rcu}; {@link #isHead} ends the walk. */
    VmapArea first() {
        return head.next;
    }

    /** Whether {@code va} is the list head, i.e. the end of a list walk. */
    boolean isHead(VmapArea va) {
        return va == head;
    }
}
