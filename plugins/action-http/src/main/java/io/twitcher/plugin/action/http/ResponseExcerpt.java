package io.twitcher.plugin.action.http;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * The first bytes of a response body and its full length: enough for a failed run's message, without holding a large
 * body in memory.
 *
 * @param head   at most the handler's limit of leading bytes
 * @param length the body's whole length
 */
record ResponseExcerpt(byte[] head, long length) {

    /** Reads a whole body, keeping its first {@code limit} bytes. */
    static HttpResponse.BodyHandler<ResponseExcerpt> handler(int limit) {
        return info -> {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            long[] length = {0};
            // onNext calls are serial (Flow contract), and the mapping runs after the last one.
            return HttpResponse.BodySubscribers.mapping(
                    HttpResponse.BodySubscribers.ofByteArrayConsumer(chunk -> chunk.ifPresent(bytes -> {
                        int room = limit - head.size();
                        if (room > 0) {
                            head.write(bytes, 0, Math.min(room, bytes.length));
                        }
                        length[0] += bytes.length;
                    })),
                    done -> new ResponseExcerpt(head.toByteArray(), length[0]));
        };
    }

    /** The leading bytes as one line of text (UTF-8, control characters as spaces), "..." when the body was longer. */
    String text() {
        String s = new String(head, StandardCharsets.UTF_8);
        if (length > head.length) {
            // The cut may split a multi-byte character.
            while (s.endsWith("\uFFFD")) {
                s = s.substring(0, s.length() - 1);
            }
        }
        s = s.replaceAll("[\\p{Cntrl}\\s]+", " ").trim();
        return length > head.length ? s + "..." : s;
    }
}
