package dev.vigil.cases;

import java.util.List;

/** One page of cases, newest first, and how many match in all. */
public record CasePage(List<Case> cases, int page, int size, long total) {

    public CasePage {
        cases = List.copyOf(cases);
    }
}
