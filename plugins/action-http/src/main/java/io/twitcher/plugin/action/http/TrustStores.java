package io.twitcher.plugin.action.http;

import io.twitcher.api.ConfigException;
import io.twitcher.api.Params;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.UnrecoverableKeyException;
import java.util.Collections;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Loads a JKS or PKCS12 trust store (the JDK detects which) into a TLS context, or says why it cannot. */
final class TrustStores {
    private TrustStores() {}

    static SSLContext sslContext(Params p, String file, String password) throws ConfigException {
        Path path = Path.of(file);
        if (!path.isAbsolute()) {
            throw p.error("truststore must be an absolute path, not '" + file + "'");
        }
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw p.error("truststore " + file + " is not a readable file");
        }
        KeyStore store;
        try {
            store = KeyStore.getInstance(path.toFile(), password == null ? null : password.toCharArray());
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw p.error("truststore_password is wrong for " + file);
            }
            throw p.error("truststore " + file + " cannot be read: " + e.getMessage());
        } catch (KeyStoreException e) {
            throw p.error("truststore " + file + " is not a JKS or PKCS12 key store");
        } catch (GeneralSecurityException e) {
            throw p.error("truststore " + file + " cannot be read: " + e.getMessage());
        }
        try {
            boolean trusts = false;
            for (String alias : Collections.list(store.aliases())) {
                trusts |= store.getCertificate(alias) != null;
            }
            if (!trusts) {
                throw p.error("truststore " + file + " holds no trusted certificate"
                        + (password == null ? " (is truststore_password needed?)" : ""));
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw p.error("truststore " + file + " cannot be used: " + e.getMessage());
        }
    }
}
