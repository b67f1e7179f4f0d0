package dev.larder.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that a password is nowhere in what an exception prints: its message, its causes and
 * suppressed exceptions, as {@code printStackTrace} (and so any logger) writes them.
 *
 * <pre>{@code
 * @ParameterizedTest
 * @MethodSource("dev.larder.testkit.LeakCheck#passwords")
 * void wrongPassword_isNotPrinted(String password) {
 *     Throwable e = catchThrowable(() -> build("redis://:" + password + "@127.0.0.1:6379"));
 *     LeakCheck.assertHidden(password, e);
 * }
 * }</pre>
 */
public final class LeakCheck {
    /**
     * Passwords made of every character a URL reserves, percent signs and spaces, each around
     * runs ({@code Zq9}, {@code Xk7}, {@code Wm3}) that appear nowhere else, so a fragment of
     * one that slips out is found too.
     */
    public static final List<String> PASSWORDS = List.of("Zq9@Xk7/Wm3", "Zq9:Xk7@Wm3", "Zq9?Xk7#Wm3", "[Zq9]Xk7",
            "Zq9%40Xk7", "Zq9;=&Xk7", "Zq9!$'()*+,Xk7", "Zq9 Xk7", "Zq9%zzXk7", "Zq9//Xk7@@Wm3", "Zq9@10.9.8.7:1/Xk7");
    private static final Pattern RUN = Pattern.compile("[A-Za-z0-9]{3,}");

    private LeakCheck() {
    }

    /** {@link #PASSWORDS}, for {@code @MethodSource("dev.larder.testkit.LeakCheck#passwords")}. */
    public static List<String> passwords() {
        return PASSWORDS;
    }

    /** Everything {@code printStackTrace} writes for {@code e}. */
    public static String printed(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    /** Fails if {@code e}'s printed chain holds {@code password} or any run of three letters or digits of it. */
    public static void assertHidden(String password, Throwable e) {
        assertThat(e).as("an exception").isNotNull();
        assertHidden(password, printed(e));
    }

    /** Fails if {@code text} holds {@code password} or any run of three letters or digits of it. */
    public static void assertHidden(String password, String text) {
        List<String> pieces = new ArrayList<>(List.of(password));
        Matcher run = RUN.matcher(password);
        while (run.find()) {
            pieces.add(run.group());
        }
        assertThat(text).as("what is printed, for the password " + password).doesNotContain(pieces);
    }
}
