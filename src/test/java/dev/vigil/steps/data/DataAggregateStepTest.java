package dev.vigil.steps.data;

import static dev.vigil.steps.FakeInvocation.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.steps.FakeInvocation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataAggregateStepTest {

    static final List<Object> EVENTS = List.of(
            map("host", map("name", "a"), "sev", "high", "bytes", 10, "ms", 5),
            map("host", map("name", "b"), "sev", "low", "bytes", 20, "ms", 50),
            map("host", map("name", "a"), "sev", "high", "bytes", 30, "ms", 150),
            map("host", map("name", "a"), "sev", "low", "bytes", "n/a", "ms", 500));

    private static Object run(Map<String, Object> with) throws Exception {
        return new DataAggregateStep().run(FakeInvocation.with(with).field("items", EVENTS));
    }

    @Test
    void groupsInFirstAppearanceOrderWithGroupKeysThenMetrics() throws Exception {
        Object out = run(map("group_by", List.of("host.name"), "metrics", List.of(
                map("name", "n", "operation", "count"),
                map("name", "total", "operation", "sum", "field", "bytes"),
                map("name", "mean", "operation", "avg", "field", "bytes"),
                map("name", "lo", "operation", "min", "field", "bytes"),
                map("name", "hi", "operation", "max", "field", "bytes"))));

        assertThat(out).isEqualTo(List.of(
                map("host.name", "a", "n", 3, "total", 40, "mean", 20, "lo", 10, "hi", 30),
                map("host.name", "b", "n", 1, "total", 20, "mean", 20, "lo", 20, "hi", 20)));
    }

    @Test
    void severalGroupKeys() throws Exception {
        Object out = run(map("group_by", List.of("host.name", "sev")));
        assertThat(out).isEqualTo(List.of(map("host.name", "a", "sev", "high", "count", 2),
                map("host.name", "b", "sev", "low", "count", 1), map("host.name", "a", "sev", "low", "count", 1)));
    }

    @Test
    void withoutGroupByEverythingIsOneGroup() throws Exception {
        Object out = run(map("metrics", List.of(map("name", "avg_ms", "operation", "avg", "field", "ms"))));
        assertThat(out).isEqualTo(List.of(map("avg_ms", 176.25)));
    }

    @Test
    void countWithAFieldCountsPresentValues() throws Exception {
        Object out = new DataAggregateStep().run(FakeInvocation.with(map("metrics",
                List.of(map("name", "with_x", "operation", "count", "field", "x"))))
                .field("items", List.of(map("x", 1), map("y", 1), map("x", null))));
        assertThat(out).isEqualTo(List.of(map("with_x", 1)));
    }

    @Test
    void numericMetricsWithoutNumbersAreNull() throws Exception {
        Object out = run(map("group_by", "sev", "metrics", List.of(map("name", "s", "operation", "sum", "field", "nope"))));
        assertThat(out).isEqualTo(List.of(map("sev", "high", "s", null), map("sev", "low", "s", null)));
    }

    @Test
    void ordersByAMetricDescendingAndLimits() throws Exception {
        Object out = run(map("group_by", List.of("sev"), "metrics", List.of(
                map("name", "ms", "operation", "max", "field", "ms")), "order_by", "ms", "order", "desc", "limit", 1));
        assertThat(out).isEqualTo(List.of(map("sev", "low", "ms", 500)));
    }

    @Test
    void orderDefaultsToAscendingAndPutsNullsLast() throws Exception {
        Object out = new DataAggregateStep().run(FakeInvocation.with(map("group_by", List.of("k"),
                "metrics", List.of(map("name", "v", "operation", "max", "field", "v")), "order_by", "v"))
                .field("items", List.of(map("k", "x"), map("k", "y", "v", 2), map("k", "z", "v", 1))));
        assertThat(out).isEqualTo(List.of(map("k", "z", "v", 1), map("k", "y", "v", 2), map("k", "x", "v", null)));
    }

    @Test
    void bucketsAddABucketKeyAndDropItemsOutsideEveryRange() throws Exception {
        Object out = run(map("group_by", List.of("sev"), "buckets", map("field", "ms", "ranges", List.of(
                map("to", 100, "label", "fast"), map("from", 100, "to", 400, "label", "slow"), map("from", 1000)))));

        assertThat(out).isEqualTo(List.of(
                map("sev", "high", "_bucket", "fast", "count", 1),
                map("sev", "low", "_bucket", "fast", "count", 1),
                map("sev", "high", "_bucket", "slow", "count", 1)));
    }

    @Test
    void bucketsWithoutLabelsAreNamedByTheirBounds() throws Exception {
        Object out = run(map("buckets", map("field", "ms", "ranges", List.of(map("to", 100), map("from", 100)))));
        assertThat(out).isEqualTo(List.of(map("_bucket", "*-100", "count", 2), map("_bucket", "100-*", "count", 2)));
    }

    @Test
    void emptyItemsGiveAnEmptyArray() throws Exception {
        assertThat(new DataAggregateStep().run(FakeInvocation.with(map("group_by", List.of("x")))
                .field("items", List.of()))).isEqualTo(List.of());
    }

    @Test
    void badParametersFailClearly() {
        assertThatThrownBy(() -> run(map("metrics", List.of(map("name", "m", "operation", "median", "field", "x")))))
                .hasMessage("data.aggregate: with.metrics[0].operation must be count, sum, avg, min or max, got \"median\"");
        assertThatThrownBy(() -> run(map("metrics", List.of(map("name", "m", "operation", "sum")))))
                .hasMessage("data.aggregate: metric \"m\" uses sum and needs a field; only count works without one");
        assertThatThrownBy(() -> run(map("order", "up")))
                .hasMessage("data.aggregate: with.order must be asc or desc, got \"up\"");
        assertThatThrownBy(() -> run(map("buckets", map("field", "ms", "ranges", List.of(map("from", "low"))))))
                .hasMessage("data.aggregate: with.buckets.ranges[0].from must be a number, got string");
        assertThatThrownBy(() -> new DataAggregateStep().run(FakeInvocation.withNothing().field("items", "x")))
                .hasMessage("data.aggregate: items must be an array, got string");
    }
}
