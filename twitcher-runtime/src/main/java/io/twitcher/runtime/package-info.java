/** The Twitcher daemon. {@link io.twitcher.runtime.daemon.Twitcher} is the top-level object that owns everything else. */
package io.twitcher.runtime;
