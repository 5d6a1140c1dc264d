package io.twitcher.archfixture.cycle.b;

import io.twitcher.archfixture.cycle.a.Alpha;

/** The other half of the deliberate package cycle. */
public final class Beta {
    @Override
    public String toString() {
        return Alpha.class.getSimpleName();
    }
}
