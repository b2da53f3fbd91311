package vmapref.proofs;

import java.io.IOException;
import java.io.StringReader;
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
 * the runner parses them (a trailing blank is an error too), the tactic and class-axiom settings
 * take one of their documented values, and {@code .quickSteps} (the first round of the focus
 * search) is only given to a contract whose tactic is {@code focus}.
 * Each problem names the key and its line. Plain Java: no KeY.
 */
final class ContractNotes {
    /** What may follow a contract id (proofs/README.md, "Settings"). */
    static final Set<String> SUFFIXES = Set.of("spec", "guarantees", "steps", "quickSteps", "tactic",
            "timeout", "open", "classAxioms", "callContract");
    /** The report's own keys. */
    static final Set<String> REPORT_KEYS = Set.of("report.intro", "report.lemmas");
    private static final Set<String> NUMBERS = Set.of("steps", "quickSteps", "timeout");

    private ContractNotes() {
    }

    /** The file's problems that need no contract list, one message per problem. */
    static List<String> problems(String text) {
        Properties notes = load(text);
        List<String> out = new ArrayList<>();
        for (String key : new TreeSet<>(notes.stringPropertyNames())) {
            if (REPORT_KEYS.contains(key)) {
                continue;
            }
            int dot = key.lastIndexOf('.');
            String suffix = dot < 0 ? "" : key.substring(dot + 1);
            String id = dot < 0 ? key : key.substring(0, dot);
            String value = notes.getProperty(key);
            String where = where(text, key);
            if (!SUFFIXES.contains(suffix) || id.isEmpty()) {
                out.add(where + "unknown key '" + key + "': expected " + new TreeSet<>(REPORT_KEYS)
                        + " or a contract id followed by one of " + new TreeSet<>(SUFFIXES));
            } else if (NUMBERS.contains(suffix) && !positive(value)) {
                out.add(where + "'" + key + "' must be a positive integer, not '" + value + "'");
            } else if (suffix.equals("tactic") && !Set.of(ProofRunner.AUTO, ProofRunner.FOCUS).contains(value)) {
                out.add(where + "'" + key + "' must be auto or focus, not '" + value + "'");
            } else if (suffix.equals("classAxioms") && !Set.of("on", "off").contains(value)) {
                out.add(where + "'" + key + "' must be on or off, not '" + value + "'");
            } else if (suffix.equals("quickSteps")
                    && !notes.getProperty(id + ".tactic", ProofRunner.AUTO).equals(ProofRunner.FOCUS)) {
                out.add(where + "'" + key + "' is only read by the focus search, and " + id
                        + " has no '.tactic=focus'");
            }
        }
        return out;
    }

    /** The contract ids that the file names and that are not among {@code ids}. */
    static List<String> unknownContracts(String text, Set<String> ids) {
        Properties notes = load(text);
        List<String> out = new ArrayList<>();
        for (String key : new TreeSet<>(notes.stringPropertyNames())) {
            int dot = key.lastIndexOf('.');
            if (REPORT_KEYS.contains(key) || dot < 0) {
                continue;
            }
            String id = key.substring(0, dot);
            if (!ids.contains(id)) {
                out.add(where(text, key) + "'" + key + "' names no contract of the verified core (" + id + ")");
            }
        }
        return out;
    }

    private static Properties load(String text) {
        Properties notes = new Properties();
        try {
            notes.load(new StringReader(text));
        } catch (IOException e) {
            throw new IllegalStateException("reading from a string failed", e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("proofs/contracts.properties: " + e.getMessage(), e);
        }
        return notes;
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
