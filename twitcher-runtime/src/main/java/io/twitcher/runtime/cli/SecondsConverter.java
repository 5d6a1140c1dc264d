package io.twitcher.runtime.cli;

import java.math.BigDecimal;
import java.time.Duration;
import picocli.CommandLine;

/** Reads a number of seconds, whole or decimal, 0 or more, as a {@link Duration} (millisecond precision). */
final class SecondsConverter implements CommandLine.ITypeConverter<Duration> {
    private static final BigDecimal MAX_SECONDS = BigDecimal.valueOf(365L * 24 * 3600);

    @Override
    public Duration convert(String value) {
        BigDecimal seconds;
        try {
            seconds = new BigDecimal(value.strip());
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a number of seconds");
        }
        if (seconds.signum() < 0 || seconds.compareTo(MAX_SECONDS) > 0) {
            throw new CommandLine.TypeConversionException(
                    "'" + value + "' is not a number of seconds from 0 to " + MAX_SECONDS);
        }
        return Duration.ofMillis(seconds.movePointRight(3)
                .setScale(0, java.math.RoundingMode.HALF_UP)
                .longValue());
    }
}
