package dev.larder.demo;

import dev.larder.demo.web.DemoApplication;
import java.util.Arrays;

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
            QuickStart.main(Arrays.copyOfRange(args, 1, args.length));
        } else {
            DemoApplication.main(args);
        }
    }
}
