package dev.vigil.steps.data;

import static dev.vigil.steps.FakeInvocation.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.steps.FakeInvocation;
import dev.vigil.steps.StepFailure;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataMapStepTest {

    private static Object run(Object items, Map<String, Object> with) throws StepFailure {
        return new DataMapStep().run(FakeInvocation.with(with).field("items", items));
    }

    @Test
    void mapsEachItemWithItemAndIndex() throws Exception {
        Object out = run(List.of(map("id", 7, "name", "a"), map("id", 8, "name", "b")),
                map("fields", map("key", "${{ item.id }}", "label", "{{ index }}:{{ item.name }}")));

        assertThat(out).isEqualTo(List.of(map("key", 7, "label", "0:a"), map("key", 8, "label", "1:b")));
    }

    @Test
    void anObjectGivesOneMappedObject() throws Exception {
        assertThat(run(map("id", 7), map("fields", map("key", "${{ item.id }}", "i", "${{ index }}"))))
                .isEqualTo(map("key", 7, "i", 0));
    }

    @Test
    void anEmptyArrayGivesAnEmptyArray() throws Exception {
        assertThat(run(List.of(), map("fields", map("k", "${{ item }}")))).isEqualTo(List.of());
    }

    @Test
    void nullOrPrimitiveItemsFailNamingTheType() {
        assertThatThrownBy(() -> run("text", map("fields", map())))
                .isInstanceOf(StepFailure.class)
                .hasMessage("data.map: items must be an array or an object, got string");
        assertThatThrownBy(() -> run(null, map("fields", map())))
                .hasMessage("data.map: items must be an array or an object, got null");
        assertThatThrownBy(() -> run(3L, map("fields", map())))
                .hasMessage("data.map: items must be an array or an object, got number");
    }

    @Test
    void fieldsMustBeAnObject() {
        assertThatThrownBy(() -> run(List.of(), map("fields", "x")))
                .hasMessage("data.map: with.fields must be an object, got string");
    }

    @Test
    void objectsWithoutMapAreLiteralStructuresRenderedInside() throws Exception {
        Object out = run(List.of(map("a", 1, "b", 2)),
                map("fields", map("pair", map("first", "${{ item.a }}", "list", List.of("${{ item.b }}", "x")))));

        assertThat(out).isEqualTo(List.of(map("pair", map("first", 1, "list", List.of(2, "x")))));
    }

    @Test
    void nestedMapMapsAnInnerArrayWithItsOwnNamesAndKeepsOuterVariables() throws Exception {
        Object items = List.of(map("team", "red", "members", List.of(map("n", "ann"), map("n", "bob"))));
        Map<String, Object> fields = map("team", "${{ item.team }}",
                "people", map("$map", map("items", "${{ item.members }}", "item", "m", "index", "j"),
                        "name", "${{ m.n }}", "team", "{{ item.team }}", "pos", "${{ j }}", "outerIndex", "${{ index }}"));

        assertThat(run(items, map("fields", fields))).isEqualTo(List.of(map("team", "red", "people", List.of(
                map("name", "ann", "team", "red", "pos", 0, "outerIndex", 0),
                map("name", "bob", "team", "red", "pos", 1, "outerIndex", 0)))));
    }

    @Test
    void nestedMapDefaultsToItemAndIndexNames() throws Exception {
        Object items = map("tags", List.of("x", "y"));
        Map<String, Object> fields = map("tags", map("$map", map("items", "${{ item.tags }}"),
                "tag", "${{ item }}", "at", "${{ index }}"));

        assertThat(run(items, map("fields", fields)))
                .isEqualTo(map("tags", List.of(map("tag", "x", "at", 0), map("tag", "y", "at", 1))));
    }

    @Test
    void nestedMapInsideANestedTemplateWorksAsInTheCorpus() throws Exception {
        // Shape of examples/integrations/microsoft-teams/search-messages.yaml
        Object items = map("value", List.of(map("hitsContainers", List.of(map("total", 2, "hits",
                List.of(map("hitId", "h1"), map("hitId", "h2")))))));
        Map<String, Object> fields = map("value", map(
                "$map", map("items", "${{ item.value }}", "item", "container"),
                "hitsContainers", map("$map", map("items", "${{ container.hitsContainers }}", "item", "hc"),
                        "total", "${{ hc.total }}",
                        "hits", map("$map", map("items", "${{ hc.hits }}", "item", "hit"), "hitId", "${{ hit.hitId }}"))));

        assertThat(run(items, map("fields", fields))).isEqualTo(map("value", List.of(map("hitsContainers",
                List.of(map("total", 2, "hits", List.of(map("hitId", "h1"), map("hitId", "h2"))))))));
    }

    @Test
    void nonArrayNestedItemsGiveAnEmptyArray() throws Exception {
        Map<String, Object> fields = map("a", map("$map", map("items", "${{ item.missing }}"), "x", "${{ item }}"),
                "b", map("$map", map("items", "${{ item.text }}"), "x", "${{ item }}"));

        assertThat(run(map("text", "hello"), map("fields", fields))).isEqualTo(map("a", List.of(), "b", List.of()));
    }

    @Test
    void nestingDeeperThanTenLevelsFails() {
        Object template = map("v", "${{ item }}");
        for (int level = 0; level < 11; level++) {
            template = map("$map", map("items", "${{ item.list }}"), "inner", template);
        }
        Object item = map("list", List.of());
        Object deepItem = item;
        for (int level = 0; level < 11; level++) {
            deepItem = map("list", List.of(deepItem));
        }
        Object finalTemplate = template;
        Object finalItem = deepItem;
        assertThatThrownBy(() -> run(finalItem, map("fields", map("top", finalTemplate))))
                .hasMessage("data.map: $map is nested deeper than 10 levels");
    }

    @Test
    void tenLevelsOfNestingAreAllowed() throws Exception {
        Object template = map("v", 1);
        Object item = map("list", List.of(map()));
        for (int level = 0; level < 10; level++) {
            template = map("$map", map("items", "${{ item.list }}"), "inner", template);
        }
        for (int level = 0; level < 9; level++) {
            item = map("list", List.of(item));
        }
        assertThat(run(item, map("fields", map("top", template)))).isInstanceOf(Map.class);
    }

    @Test
    void transformPickKeepsOnlyTheListedKeysInListedOrder() throws Exception {
        Object out = run(List.of(map("a", 1, "b", 2, "c", 3)), map(
                "fields", map("a", "${{ item.a }}", "b", "${{ item.b }}", "c", "${{ item.c }}"),
                "transform", map("pick", List.of("c", "a", "zzz"))));

        assertThat(out).isEqualTo(List.of(map("c", 3, "a", 1)));
        assertThat(new java.util.ArrayList<Object>(((Map<?, ?>) ((List<?>) out).get(0)).keySet())).containsExactly("c", "a");
    }

    @Test
    void aNullItemIsMappedWithNullVariables() throws Exception {
        List<Object> items = new java.util.ArrayList<>();
        items.add(null);
        assertThat(run(items, map("fields", map("v", "${{ item }}", "t", "{{ item }}"))))
                .isEqualTo(List.of(map("v", null, "t", "")));
    }

    @Test
    void definitionTakesWithRawAndRequiresItemsAndFields() {
        var definition = DataMapStep.definition();
        assertThat(definition.type()).isEqualTo("data.map");
        assertThat(definition.rawWith()).isTrue();
        assertThat(definition.requiredWith()).containsExactly("fields");
        assertThat(definition.fields()).containsExactly("items");
        assertThat(definition.requiredFields()).containsExactly("items");
    }
}
