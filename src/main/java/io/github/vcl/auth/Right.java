package io.github.vcl.auth;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** What an API key may do. Staff keys are given rights by name; the shop key always has {@code INITIATE} and {@code STATUS}. */
public enum Right {
    /** Start a payment ({@code POST /checkout/sessions}): the shop key only. */
    INITIATE("start payments"),
    /** Read a payment's status ({@code GET /checkout/sessions/{reference}}): the shop key only. */
    STATUS("read payment status"),
    CAPTURE("capture payments"),
    REFUND("refund payments"),
    CANCEL("cancel payments"),
    /** Search orders and see one with the customer's details. */
    SUPPORT("look up orders and customers' details");

    /** Shorthand in configuration for capture, refund and cancel. */
    public static final String OPERATIONS = "operations";

    private final String description;

    Right(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /**
     * Reads a comma-separated list such as {@code operations,support} or {@code capture, cancel}; {@code where} names
     * the configuration for the error message.
     */
    public static Set<Right> parse(String where, String list) {
        Set<Right> rights = EnumSet.noneOf(Right.class);
        for (String word : list == null ? new String[0] : list.split(",")) {
            String right = word.trim().toLowerCase(Locale.ROOT);
            switch (right) {
                case OPERATIONS -> rights.addAll(Set.of(CAPTURE, REFUND, CANCEL));
                case "capture" -> rights.add(CAPTURE);
                case "refund" -> rights.add(REFUND);
                case "cancel" -> rights.add(CANCEL);
                case "support" -> rights.add(SUPPORT);
                case "" -> {
                }
                default -> throw new IllegalStateException("configuration '" + where + "' names an unknown right '"
                        + right + "'; use capture, refund, cancel, support or " + OPERATIONS);
            }
        }
        if (rights.isEmpty()) {
            throw new IllegalStateException("configuration '" + where + "' must name at least one right: capture, "
                    + "refund, cancel, support or " + OPERATIONS);
        }
        return rights;
    }
}
