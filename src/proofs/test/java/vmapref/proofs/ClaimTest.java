package vmapref.proofs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the worker JVMs share the contracts: each contract goes to the first worker that claims it. */
class ClaimTest {
    @TempDir
    Path claims;

    @Test
    void aContractIsTakenOnceOnly() throws IOException {
        assertTrue(ProofRunner.claim(claims, "Ulong.align(long,long).3"));
        assertFalse(ProofRunner.claim(claims, "Ulong.align(long,long).3"));
    }

    @Test
    void differentContractsAreTakenIndependently() throws IOException {
        assertTrue(ProofRunner.claim(claims, "Ulong.align(long,long).3"));
        assertTrue(ProofRunner.claim(claims, "Ulong.align(long,long).2"));
        assertTrue(ProofRunner.claim(claims, "FreeVmapCache.<inv>().dep.0"));
    }
}
