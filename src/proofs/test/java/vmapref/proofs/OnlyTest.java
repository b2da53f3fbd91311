package vmapref.proofs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Which contracts {@code -Dproofs.only} selects (ProofRunner.onlyPatterns). */
class OnlyTest {
    private static final List<String> IDS = List.of("Ulong.align(long,long).0", "Ulong.align(long,long).3",
            "Ulong.aligned(long,long).0", "FreeVmapCache.walk(long,int,long,long,long).0", "VmapAreaTree.next(int).0");

    @Test
    void aContractIdWrittenInFullIsOnePatternDespiteItsCommas() {
        assertEquals(List.of("Ulong.align(long,long).3"), ProofRunner.onlyPatterns("Ulong.align(long,long).3", IDS));
    }

    @Test
    void aCommaBetweenTwoSubstringsStillSeparatesThem() {
        assertEquals(List.of("walk(", "VmapAreaTree.next"), ProofRunner.onlyPatterns("walk(,VmapAreaTree.next", IDS));
        assertEquals(List.of("Ulong.align(long,long).3", "walk("),
                ProofRunner.onlyPatterns("Ulong.align(long,long).3,walk(", IDS));
        assertEquals(List.of("long).3"), ProofRunner.onlyPatterns("long).3", IDS));
    }

    @Test
    void allSelectsEveryContract() {
        assertEquals(List.of(), ProofRunner.onlyPatterns("all", IDS));
    }

    @Test
    void everyCommittedContractIdSelectsItselfAlone() throws IOException {
        Properties notes = new Properties();
        notes.load(new StringReader(Files.readString(Path.of("proofs/contracts.properties"))));
        List<String> ids = List.copyOf(ContractNotes.contractIds(notes));
        assertTrue(ids.contains("Ulong.align(long,long).3"));
        for (String id : ids) {
            List<String> patterns = ProofRunner.onlyPatterns(id, ids);
            assertEquals(List.of(id), patterns);
            assertEquals(List.of(id), ids.stream().filter(other -> other.contains(patterns.get(0))).toList());
        }
    }
}
