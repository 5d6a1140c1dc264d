package io.twitcher.runtime.process;

import java.util.Map;
import org.slf4j.MDC;

/** Runs a task on another thread with the MDC of the run that started a child, so its lines carry the run id. */
final class MdcTasks {
    private MdcTasks() {}

    static Runnable withContext(Map<String, String> context, Runnable task) {
        if (context == null) {
            return task;
        }
        return () -> {
            MDC.setContextMap(context);
            try {
                task.run();
            } finally {
                MDC.clear();
            }
        };
    }
}
