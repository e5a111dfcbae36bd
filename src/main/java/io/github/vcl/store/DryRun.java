package io.github.vcl.store;

import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.function.Consumer;

/**
 * Stops a DynamoDB request marked {@link #MARKED} just before it would be sent: it has been through everything else
 * the SDK does for a call (building the client, marshalling, endpoint rules, credentials, signing), so that work is
 * done at start-up instead of in the first request ({@link OrderStore#warmUp}). Registered on the application's client
 * ({@code quarkus.dynamodb.interceptors}); requests without the mark pass untouched.
 */
public final class DryRun implements ExecutionInterceptor {
    private static final ExecutionAttribute<Boolean> MARK = new ExecutionAttribute<>("io.github.vcl.store.DryRun");
    /** Marks a request as one to stop. */
    static final Consumer<AwsRequestOverrideConfiguration.Builder> MARKED = o -> o.putExecutionAttribute(MARK, true);

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if (Boolean.TRUE.equals(attributes.getAttribute(MARK))) {
            throw new Stopped();
        }
    }

    /** Whether {@code dynamo} stops marked requests; one that does not would send them. */
    static boolean stopsOn(DynamoDbClient dynamo) {
        return dynamo.serviceClientConfiguration().overrideConfiguration().executionInterceptors().stream()
                .anyMatch(DryRun.class::isInstance);
    }

    /** Makes a warm-up call, which ends in its stop (or, answered by {@link CannedAnswers}, in its answer). */
    static void attempt(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException stopped) {
            // As intended; anything else goes wrong again, and is reported, in the first real call.
        }
    }

    private static final class Stopped extends RuntimeException {
        Stopped() {
            super("dry run: stopped before sending", null, false, false);
        }
    }
}
