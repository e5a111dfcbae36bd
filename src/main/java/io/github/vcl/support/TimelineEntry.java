package io.github.vcl.support;

import java.time.Instant;

/**
 * One line of an order's history as support sees it: something we recorded ({@code origin} {@code BACKEND}, with
 * who told us) or an entry of Vipps' event log ({@code origin} {@code VIPPS}, with whether it succeeded). Amounts in
 * minor units.
 */
public record TimelineEntry(Instant at, Origin origin, String event, Long amount, String source, Boolean success,
                            String pspReference, String detail) {
    public enum Origin { BACKEND, VIPPS }
}
