package io.twitcher.plugin.config.properties;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads a JSON array of strings ({@code ["git", "pull"]}), how a properties file spells {@code argv}. */
final class JsonStrings {
    // A properties value's own escapes are decoded first, so "\t" arrives as a raw tab inside the JSON string.
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
            .build();

    private JsonStrings() {
    }

    /** The strings, or empty when the text is not exactly one JSON array of strings. */
    static Optional<List<String>> parse(String text) {
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                return Optional.empty();
            }
            List<String> out = new ArrayList<>();
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.VALUE_STRING) {
                out.add(parser.getText());
            }
            if (token != JsonToken.END_ARRAY || parser.nextToken() != null) {
                return Optional.empty();
            }
            return Optional.of(out);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
