package io.github.vcl.order;

/** The ePayment modifications staff can ask for. */
public enum OperationType {
    CAPTURE, REFUND, CANCEL;

    public String keyWord() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
