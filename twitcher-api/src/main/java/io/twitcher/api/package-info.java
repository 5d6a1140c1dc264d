/**
 * The Twitcher plugin API: the extension points a plugin implements ({@link io.twitcher.api.ConfigLoader},
 * {@link io.twitcher.api.ActionType}, {@link io.twitcher.api.Callback}) and the value types they exchange with the
 * daemon. Plugins compile against this module alone (plus PF4J), at {@code provided} scope.
 */
package io.twitcher.api;
