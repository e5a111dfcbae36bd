package io.github.vcl.testing;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;

/** Base of the function tests: connects the world's gateway to the mock event server of the running application. */
public abstract class FunctionTest {

    @BeforeEach
    void connectGatewayToLambda() {
        world().lambda().connect(ConfigProvider.getConfig().getValue("quarkus-internal.aws-lambda.test-api",
                String.class));
    }

    protected static CheckoutWorld world() {
        return CheckoutWorld.current();
    }
}
