package vmapref.kernel;

/**
 * The kernel is about to insert {@link #area}, which overlaps the existing {@link #existing}: a
 * state this reference does not model (finding F-ALIGN-WRAP in docs/findings.md). From there on
 * the kernel's answers depend on the shape of its red-black tree, so the reference stops instead
 * of guessing.
 */
public final class OutsideModel extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The area {@code alloc_vmap_area} would insert. */
    public final transient /*@ nullable @*/ VmapArea area;
    /** The area it overlaps. */
    public final transient /*@ nullable @*/ VmapArea existing;

    /*@ public normal_behavior
      @   ensures this.area == area && this.existing == existing;
      @   assignable \nothing;
      @*/
    public OutsideModel(VmapArea area, VmapArea existing) {
        super("F-ALIGN-WRAP");
        this.area = area;
        this.existing = existing;
    }
}
