package io.wspy.server.conformance;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Every conformance case, in table order. */
final class Catalogue {
    private static final List<FuzzCase> ALL = build();

    private Catalogue() {
    }

    static List<FuzzCase> all() {
        return ALL;
    }

    /** The cases that apply to {@code side}. */
    static List<FuzzCase> forSide(Side side) {
        return ALL.stream().filter(c -> c.appliesTo(side)).toList();
    }

    private static List<FuzzCase> build() {
        List<FuzzCase> all = new ArrayList<>();
        all.addAll(HandshakeCases.all());
        all.addAll(FramingCases.all());
        all.addAll(PingCases.all());
        all.addAll(ReservedBitCases.all());
        all.addAll(OpcodeCases.all());
        all.addAll(FragmentationCases.all());
        all.addAll(Utf8Cases.all());
        all.addAll(CloseCases.all());
        all.addAll(LimitCases.all());
        all.addAll(DeflateCases.all());
        Set<String> ids = new HashSet<>();
        for (FuzzCase c : all) {
            if (!ids.add(c.id())) {
                throw new IllegalStateException("duplicate case id " + c.id());
            }
        }
        return List.copyOf(all);
    }
}
