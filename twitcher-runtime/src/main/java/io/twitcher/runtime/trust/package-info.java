/**
 * Which files a root daemon may trust (config files, plugins, secrets) and who this process runs as. Used by the
 * config, plugin, daemon and cli packages; depends on nothing of the runtime.
 */
package io.twitcher.runtime.trust;
