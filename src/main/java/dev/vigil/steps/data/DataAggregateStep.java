package dev.vigil.steps.data;

import dev.vigil.model.Values;
import dev.vigil.steps.StepAction;
import dev.vigil.steps.StepDefinition;
import dev.vigil.steps.StepFailure;
import dev.vigil.steps.StepInvocation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code data.aggregate}: groups {@code items} and computes metrics per group.
 *
 * <p>Output: an array of rows, one per group, groups in order of first appearance unless ordered. A row holds
 * each {@code group_by} path as a key (the path text itself, e.g. {@code "host.name"}) with the group's value
 * (null when missing), then {@code _bucket} (the range label) when {@code buckets} is given, then one key per
 * metric {@code name}. Example: {@code group_by: [severity]}, {@code metrics: [{name: n, operation: count}]} →
 * {@code [{severity: "high", n: 3}, {severity: "low", n: 1}]}.
 *
 * <ul>
 *   <li>{@code count}: items in the group; with a {@code field}, items whose field is present and not null.</li>
 *   <li>{@code sum}/{@code avg}/{@code min}/{@code max}: over the numeric values of {@code field} (others are
 *       ignored); null when the group has none. Whole results are Longs.</li>
 *   <li>No {@code metrics}: one {@code count} metric named {@code count}. No {@code group_by}: one group.</li>
 *   <li>{@code buckets: {field, ranges: [{from?, to?, label?}]}}: each item goes to the first range with
 *       {@code from <= value < to} (ES range semantics); items outside every range or without a numeric value are
 *       left out; {@code _bucket} becomes an extra group key, so empty buckets produce no row. A missing label
 *       reads {@code "from-to"} with {@code *} for an open end.</li>
 *   <li>{@code order_by} (a group key, {@code _bucket} or a metric name) sorts rows, {@code order} asc (default)
 *       or desc, nulls last either way; {@code limit} keeps the first rows. Empty {@code items} → {@code []}.</li>
 * </ul>
 */
public final class DataAggregateStep implements StepAction {

    public static final String TYPE = "data.aggregate";
    static final int MAX_ITEMS = 100_000;
    static final String BUCKET_KEY = "_bucket";

    public static StepDefinition definition() {
        return StepDefinition.of(TYPE, "Groups items and computes count/sum/avg/min/max per group",
                new DataAggregateStep()).withFields(List.of("items"), List.of("items"));
    }

    record Metric(String name, String operation, String field) {
    }

    record Range(Double from, Double to, String label) {
        boolean contains(double value) {
            return (from == null || value >= from) && (to == null || value < to);
        }
    }

    record Params(List<Object> items, List<String> groupBy, List<Metric> metrics, String bucketField,
                  List<Range> ranges, String orderBy, boolean descending, Long limit) {

        static Params of(StepInvocation call) throws StepFailure {
            Map<String, Object> with = call.with();
            List<Object> items = DataArgs.array(TYPE, "items", call.field("items"));
            if (items.size() > MAX_ITEMS) {
                throw new StepFailure(TYPE + ": items holds " + items.size() + " items; at most " + MAX_ITEMS
                        + " are allowed");
            }
            String order = DataArgs.string(TYPE, "with.order", with.get("order"), false);
            if (order != null && !order.equals("asc") && !order.equals("desc")) {
                throw new StepFailure(TYPE + ": with.order must be asc or desc, got \"" + order + "\"");
            }
            Long limit = DataArgs.integer(TYPE, "with.limit", with.get("limit"));
            if (limit != null && limit < 0) {
                throw new StepFailure(TYPE + ": with.limit must not be negative, got " + limit);
            }
            String bucketField = null;
            List<Range> ranges = List.of();
            if (with.get("buckets") != null) {
                if (!(with.get("buckets") instanceof Map<?, ?> buckets)) {
                    throw DataArgs.bad(TYPE, "with.buckets", "an object", with.get("buckets"));
                }
                bucketField = DataArgs.string(TYPE, "with.buckets.field", buckets.get("field"), true);
                ranges = ranges(DataArgs.array(TYPE, "with.buckets.ranges", buckets.get("ranges")));
            }
            return new Params(items, DataArgs.strings(TYPE, "with.group_by", with.get("group_by")),
                    metrics(with.get("metrics")), bucketField, ranges,
                    DataArgs.string(TYPE, "with.order_by", with.get("order_by"), false), "desc".equals(order), limit);
        }

        private static List<Metric> metrics(Object value) throws StepFailure {
            if (value == null) {
                return List.of(new Metric("count", "count", null));
            }
            List<Metric> metrics = new ArrayList<>();
            List<Object> list = DataArgs.array(TYPE, "with.metrics", value);
            for (int i = 0; i < list.size(); i++) {
                String at = "with.metrics[" + i + "]";
                if (!(list.get(i) instanceof Map<?, ?> m)) {
                    throw DataArgs.bad(TYPE, at, "an object {name, operation, field?}", list.get(i));
                }
                String name = DataArgs.string(TYPE, at + ".name", m.get("name"), true);
                String operation = DataArgs.string(TYPE, at + ".operation", m.get("operation"), true);
                String field = DataArgs.string(TYPE, at + ".field", m.get("field"), false);
                if (!List.of("count", "sum", "avg", "min", "max").contains(operation)) {
                    throw new StepFailure(TYPE + ": " + at + ".operation must be count, sum, avg, min or max, got \""
                            + operation + "\"");
                }
                if (!operation.equals("count") && field == null) {
                    throw new StepFailure(TYPE + ": metric \"" + name + "\" uses " + operation
                            + " and needs a field; only count works without one");
                }
                metrics.add(new Metric(name, operation, field));
            }
            return metrics;
        }

        private static List<Range> ranges(List<Object> list) throws StepFailure {
            List<Range> ranges = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                String at = "with.buckets.ranges[" + i + "]";
                if (!(list.get(i) instanceof Map<?, ?> r)) {
                    throw DataArgs.bad(TYPE, at, "an object {from?, to?, label?}", list.get(i));
                }
                Double from = number(at + ".from", r.get("from"));
                Double to = number(at + ".to", r.get("to"));
                String label = DataArgs.string(TYPE, at + ".label", r.get("label"), false);
                ranges.add(new Range(from, to, label != null ? label : end(from) + "-" + end(to)));
            }
            return ranges;
        }

        private static Double number(String at, Object value) throws StepFailure {
            return switch (value) {
                case null -> null;
                case Number n -> n.doubleValue();
                default -> throw DataArgs.bad(TYPE, at, "a number", value);
            };
        }

        private static String end(Double bound) {
            return bound == null ? "*" : String.valueOf(Values.normalize(bound));
        }
    }

    @Override
    public Object run(StepInvocation call) throws StepFailure {
        Params params = Params.of(call);
        Map<List<Object>, List<Object>> groups = new LinkedHashMap<>();
        for (Object item : params.items()) {
            List<Object> key = new ArrayList<>();
            for (String path : params.groupBy()) {
                key.add(DataArgs.path(item, path));
            }
            if (params.bucketField() != null) {
                String bucket = bucketOf(params, DataArgs.path(item, params.bucketField()));
                if (bucket == null) {
                    continue;
                }
                key.add(bucket);
            }
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(item);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        groups.forEach((key, members) -> rows.add(row(params, key, members)));
        if (params.orderBy() != null) {
            Comparator<Map<String, Object>> byValue = (a, b) -> compare(a.get(params.orderBy()), b.get(params.orderBy()),
                    params.descending());
            rows.sort(byValue);
        }
        long limit = params.limit() == null || params.limit() == 0 ? rows.size() : params.limit();
        return new ArrayList<Object>(rows.subList(0, (int) Math.min(limit, rows.size())));
    }

    private static String bucketOf(Params params, Object value) {
        if (!(value instanceof Number n)) {
            return null;
        }
        for (Range range : params.ranges()) {
            if (range.contains(n.doubleValue())) {
                return range.label();
            }
        }
        return null;
    }

    private static Map<String, Object> row(Params params, List<Object> key, List<Object> members) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < params.groupBy().size(); i++) {
            row.put(params.groupBy().get(i), key.get(i));
        }
        if (params.bucketField() != null) {
            row.put(BUCKET_KEY, key.getLast());
        }
        for (Metric metric : params.metrics()) {
            row.put(metric.name(), compute(metric, members));
        }
        return row;
    }

    private static Object compute(Metric metric, List<Object> members) {
        if (metric.operation().equals("count")) {
            return metric.field() == null ? (long) members.size()
                    : members.stream().filter(m -> DataArgs.path(m, metric.field()) != null).count();
        }
        double[] values = members.stream().map(m -> DataArgs.path(m, metric.field()))
                .filter(v -> v instanceof Number n && !Double.isNaN(n.doubleValue()))
                .mapToDouble(v -> ((Number) v).doubleValue()).toArray();
        if (values.length == 0) {
            return null;
        }
        double result = switch (metric.operation()) {
            case "sum" -> java.util.Arrays.stream(values).sum();
            case "avg" -> java.util.Arrays.stream(values).average().orElseThrow();
            case "min" -> java.util.Arrays.stream(values).min().orElseThrow();
            default -> java.util.Arrays.stream(values).max().orElseThrow();
        };
        return Values.normalize(result);
    }

    /** Nulls last in both directions; numbers by value, anything else by its text. */
    private static int compare(Object a, Object b, boolean descending) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        int c = a instanceof Number x && b instanceof Number y ? Double.compare(x.doubleValue(), y.doubleValue())
                : String.valueOf(a).compareTo(String.valueOf(b));
        return descending ? -c : c;
    }
}
