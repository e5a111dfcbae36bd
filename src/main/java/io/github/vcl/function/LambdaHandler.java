package io.github.vcl.function;

import com.amazonaws.services.lambda.runtime.Context;
import io.github.vcl.observe.LogContext;
import io.quarkus.funqy.lambda.FunqyStreamHandler;
import org.jboss.logging.MDC;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The handler for Lambda's Java runtime ({@code java17}: the JVM-mode {@code function.zip} under AWS's runtime
 * interface client, as the local run and PackagedFunctionIT start it): Funqy's own, with the invocation's Lambda
 * request id in the log context for as long as the invocation runs — as Quarkus' Lambda poll loop does in the native
 * runtime ({@code provided.al2023}, which needs no handler).
 */
public class LambdaHandler extends FunqyStreamHandler {
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        MDC.put(LogContext.LAMBDA_REQUEST_ID, context.getAwsRequestId());
        try {
            super.handleRequest(input, output, context);
        } finally {
            MDC.remove(LogContext.LAMBDA_REQUEST_ID);
        }
    }
}
