package io.github.vcl.local.gateway;

/** Hands an event (JSON) to a function the way Lambda does, and returns its result (JSON). */
public interface FunctionInvoker {
    /** @throws FunctionUnavailableException when that function is not running here */
    String invoke(String function, String eventJson);

    class FunctionUnavailableException extends RuntimeException {
        public FunctionUnavailableException(String message) {
            super(message);
        }
    }
}
