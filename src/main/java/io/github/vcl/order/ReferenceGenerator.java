package io.github.vcl.order;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * Makes references that are readable in the Vipps app and in settlement reports, e.g. {@code ACME-261125-K7QX2MZD-1}:
 * the shop prefix, the UTC date, eight random characters and the attempt number. The random part uses an alphabet
 * without look-alike characters (no 0/O, 1/I/L, U), giving 40 bits per day; the store's {@code attribute_not_exists}
 * create turns the rare collision into a retry with a new reference.
 */
public final class ReferenceGenerator {
    static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
    static final int RANDOM_LENGTH = 8;
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,19}");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyMMdd").withZone(ZoneOffset.UTC);

    private final String prefix;
    private final Clock clock;
    private final RandomGenerator random;

    public ReferenceGenerator(String prefix, Clock clock, RandomGenerator random) {
        if (prefix == null || !PREFIX.matcher(prefix).matches()) {
            throw new InvalidOrderException("referencePrefix",
                    "must start with a letter and be 1–20 letters or digits, was '" + prefix + "'");
        }
        this.prefix = prefix;
        this.clock = clock;
        this.random = random;
    }

    public ReferenceGenerator(String prefix) {
        this(prefix, Clock.systemUTC(), new SecureRandom());
    }

    /** The reference of the first payment attempt of a new order. */
    public Reference firstAttempt() {
        StringBuilder value = new StringBuilder(prefix).append('-').append(DAY.format(clock.instant())).append('-');
        for (int i = 0; i < RANDOM_LENGTH; i++) {
            value.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return new Reference(value.append("-1").toString());
    }
}
