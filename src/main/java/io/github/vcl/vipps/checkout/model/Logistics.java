package io.github.vcl.vipps.checkout.model;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/** Always send {@code fixedOptions}: they are the fallback when the dynamic callback fails. */
@RegisterForReflection
public record Logistics(String dynamicOptionsCallback, List<LogisticsOption> fixedOptions) {

    public static Logistics fixed(List<LogisticsOption> options) {
        return new Logistics(null, options);
    }
}
