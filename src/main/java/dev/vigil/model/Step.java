package dev.vigil.model;

import java.util.List;
import java.util.Map;

/**
 * One step of a workflow (WORKFLOW_FORMAT.md §2, §3). Flow-control steps that hold nested steps have their
 * own record; every other type is an {@link Action}, executed by the handler registered for its type.
 */
public sealed interface Step {

    Header header();

    default String name() {
        return header().name();
    }

    default String type() {
        return header().type();
    }

    /**
     * Fields every step may carry.
     *
     * @param path        where the step stands in the document, e.g. {@code steps[3].else[0]}
     * @param ifCondition step-level {@code if} guard, or null
     * @param foreach     step-level {@code foreach} (template string or literal list), or null
     * @param timeout     step {@code timeout} as written (may be a template for HITL steps), or null
     * @param maxStepSize per-step output cap in bytes, or null
     * @param connectorId {@code connector-id} as written, or null
     */
    record Header(String name, String type, String path, Position position, String ifCondition, Object foreach,
                  String timeout, Long maxStepSize, OnFailure onFailure, String connectorId) {
    }

    /** Limit on loop iterations; a bare number means {@code on-limit: continue}. */
    record MaxIterations(int limit, boolean failOnLimit) {
        public static final MaxIterations DEFAULT = new MaxIterations(2000, false);
    }

    record If(Header header, String condition, List<Step> then, List<Step> otherwise) implements Step {
        public If {
            then = List.copyOf(then);
            otherwise = otherwise == null ? List.of() : List.copyOf(otherwise);
        }
    }

    /** The {@code foreach} step; {@code items} is its {@code foreach} field (template string or literal list). */
    record Foreach(Header header, Object items, List<Step> steps, MaxIterations maxIterations,
                   String iterationTimeout, OnFailure iterationOnFailure) implements Step {
        public Foreach {
            steps = List.copyOf(steps);
        }
    }

    record While(Header header, String condition, List<Step> steps, MaxIterations maxIterations,
                 String iterationTimeout, OnFailure iterationOnFailure) implements Step {
        public While {
            steps = List.copyOf(steps);
        }
    }

    record Switch(Header header, String expression, List<Case> cases, List<Step> otherwise) implements Step {
        public Switch {
            cases = List.copyOf(cases);
            otherwise = otherwise == null ? List.of() : List.copyOf(otherwise);
        }

        /** @param match a String, Long, Double or Boolean compared strictly with the rendered expression */
        public record Case(Object match, List<Step> steps) {
            public Case {
                steps = List.copyOf(steps);
            }
        }
    }

    /**
     * The {@code parallel} step: static {@code branches} or a dynamic {@code foreach} over {@code steps}.
     *
     * @param mode {@code fail-fast} or {@code settled}
     */
    record Parallel(Header header, Object items, List<Branch> branches, List<Step> steps, int concurrency,
                    String mode, String branchTimeout) implements Step {
        public Parallel {
            branches = branches == null ? List.of() : List.copyOf(branches);
            steps = steps == null ? List.of() : List.copyOf(steps);
        }

        public record Branch(String name, List<Step> steps) {
            public Branch {
                steps = List.copyOf(steps);
            }
        }
    }

    /**
     * Any step run by a registered handler (console, http, data.*, wait, workflow.*, connector steps ...).
     *
     * @param with   the raw {@code with} map (templates not yet rendered)
     * @param fields the other top-level keys a type reads, raw: {@code items}, {@code arrays}, {@code source},
     *               {@code status}, {@code agent-id} ...
     */
    record Action(Header header, Map<String, Object> with, Map<String, Object> fields) implements Step {
        public Action {
            with = with == null ? Map.of() : with;
            fields = fields == null ? Map.of() : fields;
        }
    }
}
