package dev.larder.demo;

import dev.larder.demo.web.DemoApplication;
import ch.qos.logback.classic.Level;
import java.util.Arrays;
import org.slf4j.LoggerFactory;

/**
 * The demo jar's entry point: {@code java -jar larder-demo.jar} runs the web application
 * ({@link DemoApplication}, Spring Boot arguments passed through), {@code java -jar
 * larder-demo.jar tour} the printed tour ({@link QuickStart}, then {@link PageDemo} and
 * {@link ModelDemo}).
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("tour")) {
            // The tour prints its own story; Jetty's and Hibernate's start-up lines (through
            // Logback, which Spring Boot brings and configures only for the web application) would bury it.
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.ERROR);
            QuickStart.main(Arrays.copyOfRange(args, 1, args.length));
        } else {
            DemoApplication.main(args);
        }
    }
}
