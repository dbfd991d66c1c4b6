package io.sigload.merge;

import io.sigload.drive.Shard;
import io.sigload.merge.ShardFiles.ShardInput;
import io.sigload.report.FailureSample;
import io.sigload.report.ParticipantPoint;
import io.sigload.report.RunResult;
import io.sigload.report.Verdicts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Whether shards belong together before they are merged: one shard count, seed and scenario
 * (digest) and plan; every index exactly once; counts that agree with their shard of the plan and
 * with themselves (completed = valid + invalid, failing participants of the shard's own indexes);
 * no missing or interrupted shard unless partial merges are allowed. Every problem is reported at
 * once, naming the file. Thread-safe: stateless.
 */
final class ShardChecks {
    private ShardChecks() {
    }

    /**
     * Shards that passed.
     *
     * @param reference the shard the others were compared with
     * @param missing indexes not given (empty unless partial merges are allowed)
     * @param interrupted indexes of interrupted shards, sorted (empty unless partial merges are allowed)
     */
    record Checked(ShardInput reference, List<Integer> missing, List<Integer> interrupted) {
    }

    /**
     * @throws MergeException listing every reason the shards cannot be merged
     */
    static Checked check(List<ShardInput> inputs, boolean allowPartial) throws MergeException {
        if (inputs.isEmpty()) {
            throw new MergeException("no shard given: pass each shard's --json file (or the directory holding them)");
        }
        ShardInput ref = reference(inputs);
        ShardHeader rh = ref.header();
        List<String> problems = new ArrayList<>();
        for (ShardInput s : inputs) {
            ShardHeader h = s.header();
            if (h.shard().count() != rh.shard().count()) {
                problems.add(s.file() + ": shard " + h.shard() + ", but " + ref.file() + " is shard " + rh.shard()
                        + ": shards of one run share the shard count");
            } else if (s.result().context().seed() != ref.result().context().seed()) {
                problems.add(s.file() + ": seed " + s.result().context().seed() + ", but " + ref.file() + " has seed "
                        + ref.result().context().seed() + ": shards of one run share the seed");
            } else if (!h.scenario().digest().equals(rh.scenario().digest())) {
                problems.add(s.file() + ": another scenario than " + ref.file() + " (" + h.scenario().name() + " vs "
                        + rh.scenario().name() + "; differs at " + String.join(", ", h.scenario().differences(rh.scenario()))
                        + ")");
            } else if (h.planParticipants() != rh.planParticipants()) {
                problems.add(s.file() + ": a plan of " + h.planParticipants() + " participants, but " + ref.file()
                        + " has " + rh.planParticipants());
            }
        }
        if (!problems.isEmpty()) {
            throw new MergeException(problems);
        }
        int n = rh.shard().count();
        Map<Integer, List<ShardInput>> byIndex = new TreeMap<>();
        for (ShardInput s : inputs) {
            byIndex.computeIfAbsent(s.header().shard().index(), k -> new ArrayList<>()).add(s);
        }
        byIndex.forEach((i, list) -> {
            if (list.size() > 1) {
                problems.add("shard " + i + "/" + n + " is given " + list.size() + " times: "
                        + list.stream().map(x -> x.file().toString()).collect(Collectors.joining(", "))
                        + "; pass each shard once");
            }
        });
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!byIndex.containsKey(i)) {
                missing.add(i);
            }
        }
        if (!missing.isEmpty() && !allowPartial) {
            problems.add("missing " + (missing.size() == 1 ? "shard " : "shards ")
                    + missing.stream().map(i -> i + "/" + n).collect(Collectors.joining(", ")) + " (" + inputs.size()
                    + " of " + n + " given; participants " + examples(new Shard(missing.get(0), n), rh.planParticipants())
                    + " are in shard " + missing.get(0) + "/" + n + "): pass every shard's file, or --allow-partial to"
                    + " merge these (the result says which are missing)");
        }
        List<Integer> interrupted = new ArrayList<>();
        for (ShardInput s : inputs) {
            consistency(s, problems);
            if (interrupted(s)) {
                interrupted.add(s.header().shard().index());
                if (!allowPartial) {
                    problems.add(s.file() + ": shard " + s.header().shard() + " was interrupted (" + outcomes(s) + " of "
                            + s.header().participants() + " participants have an outcome): merge it only with"
                            + " --allow-partial (the result then says so), or run the shard again");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new MergeException(problems);
        }
        return new Checked(ref, missing, interrupted.stream().sorted().toList());
    }

    /** The shard most others agree with (shard count, seed, digest), so the odd one out is named. */
    private static ShardInput reference(List<ShardInput> inputs) {
        Function<ShardInput, String> key = s -> s.header().shard().count() + "|" + s.result().context().seed() + "|"
                + s.header().scenario().digest();
        Map<String, Long> votes = inputs.stream().collect(Collectors.groupingBy(key, LinkedHashMap::new, Collectors.counting()));
        String best = votes.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        return inputs.stream().filter(s -> key.apply(s).equals(best)).findFirst().orElseThrow();
    }

    private static String examples(Shard shard, int plan) {
        List<String> ex = new ArrayList<>();
        for (int k = 0; k < Math.min(3, shard.size(plan)); k++) {
            ex.add(String.valueOf(shard.participant(k)));
        }
        return ex.isEmpty() ? "(none)" : String.join(", ", ex) + (shard.size(plan) > 3 ? ", ..." : "");
    }

    static long outcomes(ShardInput s) {
        return s.result().verdicts().completed() + s.result().timing().droppedStarts();
    }

    private static boolean interrupted(ShardInput s) {
        return s.header().interrupted() || outcomes(s) < s.header().participants();
    }

    /** A shard's counts against its part of the plan and against themselves. */
    private static void consistency(ShardInput s, List<String> problems) {
        ShardHeader h = s.header();
        RunResult r = s.result();
        Verdicts v = r.verdicts();
        if (r.context().participants() != h.participants()) {
            problems.add(s.file() + ": reports " + r.context().participants() + " participants, but shard " + h.shard()
                    + " of a plan of " + h.planParticipants() + " has " + h.participants());
        }
        if (v.completed() != v.valid() + v.invalid()) {
            problems.add(s.file() + ": completed " + v.completed() + " is not valid " + v.valid() + " + invalid " + v.invalid());
        }
        if (outcomes(s) > h.participants()) {
            problems.add(s.file() + ": " + outcomes(s) + " outcomes (completed + dropped) for " + h.participants()
                    + " participants");
        }
        if (r.mintErrors().total() > v.invalid()) {
            problems.add(s.file() + ": " + r.mintErrors().total() + " mint errors but only " + v.invalid() + " invalid");
        }
        for (FailureSample f : r.failures()) {
            if (!h.shard().owns(f.participant())) {
                problems.add(s.file() + ": failing participant " + f.participant() + " is not in shard " + h.shard()
                        + " (participant i is in shard i mod " + h.shard().count() + ")");
                break;
            }
        }
        for (ParticipantPoint p : r.skews().scatter()) {
            if (!h.shard().owns(p.participant())) {
                problems.add(s.file() + ": scatter participant " + p.participant() + " is not in shard " + h.shard());
                break;
            }
        }
    }

}
