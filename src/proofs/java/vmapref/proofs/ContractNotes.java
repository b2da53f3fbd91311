package vmapref.proofs;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks proofs/contracts.properties before anything is proven, so that a typo does not silently
 * change a search (a misspelt {@code .steps} would fall back to the default budget) and a stale
 * entry does not outlive its contract. Every key is {@code report.intro}, {@code report.lemmas},
 * or a contract id followed by one of {@link #SUFFIXES}; budgets are positive {@code int}s, as
 * the runner parses them (a trailing blank is an error too), the tactic, class-axiom, loop and
 * first-round settings take one of their documented values, and {@code .quickSteps} and {@code .quickRound} (the first
 * round of the focus search) are only given to a contract whose tactic is {@code focus}.
 * Each problem names the key and its line. Plain Java: no KeY.
 */
final class ContractNotes {
    /** What may follow a contract id (proofs/README.md, "Settings"). */
    static final Set<String> SUFFIXES = Set.of("spec", "guarantees", "steps", "quickSteps", "quickRound",
            "tactic", "timeout", "open", "classAxioms", "callContract", "loops");
    /** The report's own keys. */
    static final Set<String> REPORT_KEYS = Set.of("report.intro", "report.lemmas");
    private static final Set<String> NUMBERS = Set.of("steps", "quickSteps", "timeout");

    private ContractNotes() {
    }

    /**
     * The problems of {@code notes} (the file as loaded; {@code text} is the file itself, for the
     * line numbers) that need no contract list, one message per problem.
     */
    static List<String> problems(Properties notes, String text) {
        List<String> out = new ArrayList<>();
        for (String key : new TreeSet<>(notes.stringPropertyNames())) {
            String problem = REPORT_KEYS.contains(key) ? null : problem(notes, key);
            if (problem != null) {
                out.add(where(text, key) + problem);
            }
        }
        return out;
    }

    /**
     * The entries of {@code notes} whose contract id is not among {@code ids} (a key without a dot
     * names no contract: {@link #problems} reports it).
     */
    static List<String> unknownContracts(Properties notes, String text, Set<String> ids) {
        List<String> out = new ArrayList<>();
        for (String key : new TreeSet<>(notes.stringPropertyNames())) {
            String id = contractId(key);
            if (!REPORT_KEYS.contains(key) && !id.equals(key) && !ids.contains(id)) {
                out.add(where(text, key) + "'" + key + "' names no contract of the verified core (" + id + ")");
            }
        }
        return out;
    }

    /** The ids of the contracts that {@code notes} has entries for (every key but the report's). */
    static Set<String> contractIds(Properties notes) {
        Set<String> ids = new TreeSet<>();
        for (String key : notes.stringPropertyNames()) {
            if (!REPORT_KEYS.contains(key)) {
                ids.add(contractId(key));
            }
        }
        return ids;
    }

    /** What is wrong with the contract entry {@code key}, or null. */
    private static String problem(Properties notes, String key) {
        String id = contractId(key);
        String suffix = key.substring(Math.min(id.length() + 1, key.length()));
        String value = notes.getProperty(key);
        if (!SUFFIXES.contains(suffix) || id.isEmpty()) {
            return "unknown key '" + key + "': expected " + new TreeSet<>(REPORT_KEYS)
                    + " or a contract id followed by one of " + new TreeSet<>(SUFFIXES);
        }
        if (NUMBERS.contains(suffix) && !positive(value)) {
            return "'" + key + "' must be a positive integer, not '" + value + "'";
        }
        if (suffix.equals("tactic") && !Set.of(ProofRunner.AUTO, ProofRunner.AUTO_SMT, ProofRunner.FOCUS).contains(value)) {
            return "'" + key + "' must be auto, autoSmt or focus, not '" + value + "'";
        }
        if (suffix.equals("classAxioms") && !Set.of("on", "off").contains(value)) {
            return "'" + key + "' must be on or off, not '" + value + "'";
        }
        if (suffix.equals("loops") && !Set.of(ProofRunner.LOOPS_INVARIANT, ProofRunner.LOOPS_EXPAND).contains(value)) {
            return "'" + key + "' must be invariant or expand, not '" + value + "'";
        }
        if (suffix.equals("quickRound")
                && !Set.of(ProofRunner.QUICK_ROUND_SKIP, ProofRunner.QUICK_ROUND_ALL).contains(value)) {
            return "'" + key + "' must be " + ProofRunner.QUICK_ROUND_SKIP + " or " + ProofRunner.QUICK_ROUND_ALL
                    + ", not '" + value + "'";
        }
        if ((suffix.equals("quickSteps") || suffix.equals("quickRound"))
                && !notes.getProperty(id + ".tactic", ProofRunner.AUTO).equals(ProofRunner.FOCUS)) {
            return "'" + key + "' is only read by the focus search, and " + id + " has no '.tactic=focus'";
        }
        return null;
    }

    /** The contract id of a contract entry: {@code key} up to its last dot (all of it if it has none). */
    private static String contractId(String key) {
        int dot = key.lastIndexOf('.');
        return dot < 0 ? key : key.substring(0, dot);
    }

    private static boolean positive(String value) {
        try {
            return Integer.parseInt(value) > 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** "proofs/contracts.properties:LINE: " for the line that starts with {@code key=}. */
    private static String where(String text, String key) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].stripLeading();
            if (line.startsWith(key) && line.substring(key.length()).stripLeading().matches("(?s)[=:].*")) {
                return "proofs/contracts.properties:" + (i + 1) + ": ";
            }
        }
        return "proofs/contracts.properties: ";
    }
}
