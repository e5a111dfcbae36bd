package io.github.vcl.vipps.epayment.model;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Body of cancel; always sent as a JSON object. {@code true}: cancel only if not yet authorized (else 6060). */
@RegisterForReflection
public record CancelRequest(boolean cancelTransactionOnly) {
}
