#!/usr/bin/env python3
"""Copies the sources SRC to DEST and rewrites the element-by-element shifting loops of
VmapAreaTree.shiftUp/shiftDown as System.arraycopy, for measuring that change (bench/run.sh,
docs/performance.md). The port itself is not touched. Exits 1 (and says so) if the loops no longer read as expected."""
import shutil
import sys

src, dest = sys.argv[1], sys.argv[2]
shutil.rmtree(dest, ignore_errors=True)
shutil.copytree(src, dest)
path = dest + "/vmapref/kernel/VmapAreaTree.java"
text = open(path).read()
LOOPS = [
    ("""        for (int i = count; i > pos; i--) {
            starts[i] = starts[i - 1];
            ends[i] = ends[i - 1];
            areas[i] = areas[i - 1];
        }""",
     """        System.arraycopy(starts, pos, starts, pos + 1, count - pos);
        System.arraycopy(ends, pos, ends, pos + 1, count - pos);
        System.arraycopy(areas, pos, areas, pos + 1, count - pos);"""),
    ("""        for (int j = i; j < count - 1; j++) {
            starts[j] = starts[j + 1];
            ends[j] = ends[j + 1];
            areas[j] = areas[j + 1];
        }""",
     """        System.arraycopy(starts, i + 1, starts, i, count - 1 - i);
        System.arraycopy(ends, i + 1, ends, i, count - 1 - i);
        System.arraycopy(areas, i + 1, areas, i, count - 1 - i);"""),
]
for loop, copy in LOOPS:
    if text.count(loop) != 1:
        print("arraycopy_variant: VmapAreaTree's shifting loop changed; variant skipped", file=sys.stderr)
        sys.exit(1)
    text = text.replace(loop, copy)
open(path, "w").write(text)
