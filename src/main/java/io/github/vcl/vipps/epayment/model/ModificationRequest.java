package io.github.vcl.vipps.epayment.model;

import io.github.vcl.vipps.model.Amount;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Body of capture and refund. */
@RegisterForReflection
public record ModificationRequest(Amount modificationAmount) {
}
