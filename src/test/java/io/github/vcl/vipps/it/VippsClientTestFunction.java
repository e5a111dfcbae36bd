package io.github.vcl.vipps.it;

import io.quarkus.funqy.Funq;

/**
 * Funqy refuses to start without a function; until the real functions exist on this branch, the client tests'
 * application exports this one (see {@link VippsSimulatorProfile}).
 */
public class VippsClientTestFunction {

    @Funq("vipps-client-test-noop")
    public String noop(String input) {
        return input;
    }
}
