package io.twitcher.archfixture.cycle.a;

import io.twitcher.archfixture.cycle.b.Beta;

/** Half of a deliberate package cycle: proves that {@code LayeringTest}'s cycle rule fails when it should. */
public final class Alpha {
    private Alpha() {}

    public static String name(Beta beta) {
        return "alpha of " + beta;
    }
}
