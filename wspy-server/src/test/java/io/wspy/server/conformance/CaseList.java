package io.wspy.server.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Collects the cases of one category, numbering them {@code prefix.1}, {@code prefix.2}, ... */
final class CaseList {
    private final Category category;
    private final String prefix;
    private final List<FuzzCase> cases = new ArrayList<>();

    CaseList(Category category, String prefix) {
        this.category = category;
        this.prefix = prefix;
    }

    /** Adds a case for both sides, with the standard profile and opening. */
    void add(String title, FuzzCase.Script script) {
        add(title, script, c -> c);
    }

    /** Adds a case adjusted by {@code adjust} (sides, profile, opening, bound). */
    void add(String title, FuzzCase.Script script, UnaryOperator<FuzzCase> adjust) {
        cases.add(adjust.apply(FuzzCase.of(category, prefix + "." + (cases.size() + 1), title, script)));
    }

    List<FuzzCase> cases() {
        return List.copyOf(cases);
    }
}
