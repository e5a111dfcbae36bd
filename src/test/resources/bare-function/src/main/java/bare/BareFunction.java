package bare;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.funqy.Funq;

/** The cold-start benchmark's baseline: reads the event's route and answers, nothing else. */
public class BareFunction {
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Event(String routeKey) {
    }

    public record Answer(int statusCode, String body) {
    }

    @Funq("bare")
    public Answer bare(Event event) {
        return new Answer(200, event == null ? "" : String.valueOf(event.routeKey()));
    }
}
