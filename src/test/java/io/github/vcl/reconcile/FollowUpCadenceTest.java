package io.github.vcl.reconcile;

import io.github.vcl.order.Order;
import io.github.vcl.order.Orders;
import io.github.vcl.order.PaymentState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FollowUpCadenceTest {
    private static final Order AUTHORIZED = Orders.withPayment(PaymentState.AUTHORIZED);
    private static final Instant AUTHORIZED_AT = Orders.T0.plusSeconds(60);

    @Test
    void withoutWebhooksAnOpenReservationIsReadSoonThenLessOftenThenHourly() {
        FollowUpCadence polling = new FollowUpCadence(Duration.ofMinutes(60), Optional.empty());
        assertEquals(AUTHORIZED_AT.plus(Duration.ofMinutes(2)), polling.next(AUTHORIZED,
                AUTHORIZED_AT.plus(Duration.ofMinutes(1))), "at least a minute");
        Instant afterAnHour = AUTHORIZED_AT.plus(Duration.ofHours(1));
        assertEquals(afterAnHour.plus(Duration.ofMinutes(30)), polling.next(AUTHORIZED, afterAnHour),
                "half the time since the authorization");
        Instant nextDay = AUTHORIZED_AT.plus(Duration.ofDays(1));
        assertEquals(nextDay.plus(Duration.ofMinutes(60)), polling.next(AUTHORIZED, nextDay), "at most hourly");
    }

    @Test
    void withWebhooksAnOpenReservationIsOnlyReadAsASafetyNet() {
        FollowUpCadence webhooks = new FollowUpCadence(Duration.ofMinutes(60), Optional.of(Duration.ofHours(6)));
        Instant justAfter = AUTHORIZED_AT.plus(Duration.ofMinutes(1));
        assertEquals(justAfter.plus(Duration.ofHours(6)), webhooks.next(AUTHORIZED, justAfter));
    }
}
