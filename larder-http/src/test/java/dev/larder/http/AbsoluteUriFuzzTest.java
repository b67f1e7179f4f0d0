package dev.larder.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.testing.fuzz.Bounded;
import dev.larder.testing.fuzz.Shapes;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * {@link AbsoluteUri#of} over hostile request targets: only {@link IllegalArgumentException}
 * (documented: not origin-form, unpaired surrogate), at most 64 bytes a character + 64 KiB,
 * 50 ms + 100 ns a character; the URI is printable ASCII, and read back as a target it gives
 * itself again (a spelling of a resource, once Django's, has no second key).
 */
class AbsoluteUriFuzzTest {
    static final String ALPHABET = "/./../%2fF3bB;=?#&+~éÿ中 \"\\%25%c3%A9%ff%2e";
    static final List<String> EXAMPLES = List.of("/k/%7Euser", "/x/./y/../z", "/p;jsessionid=A?x=1#f", "/a%2Fb%3B", "/a%253?b%3Bc;d",
            "/%FF%C3%28%ED%A0%80", "/q?caf\u00e9", "//evil/./x", "/a/b/..", "/%2e%2E/x");
    static final Bounded OF = Bounded.named("AbsoluteUri.of").allocation(64, 64 * 1024)
            .documented(IllegalArgumentException.class);

    @Provide
    Arbitrary<String> targets() {
        return Shapes.text(ALPHABET, EXAMPLES);
    }

    @Property
    void of_anyTarget_isPrintableAsciiAndAFixedPoint(@ForAll("targets") String raw) {
        String target = raw.startsWith("/") ? raw : "/" + raw;
        String uri = OF.call(target.length(), () -> AbsoluteUri.of("http", "h", target));
        if (uri == null) {
            assertThatThrownBy(() -> AbsoluteUri.of("http", "h", target)).hasMessageContaining("surrogate");
            return;
        }
        assertThat(uri).startsWith("http://h/").matches("[\\x21-\\x7e]+");
        // Read back as a target, with Django's %3B in the path read as the ';' it stands for (a sent %3B
        // stays %3b). The query is kept as sent, so a %3B there is the query's own and stays.
        String written = uri.substring("http://h".length());
        int q = written.indexOf('?');
        String back = q < 0 ? written.replace("%3B", ";") : written.substring(0, q).replace("%3B", ";") + written.substring(q);
        assertThat(AbsoluteUri.of("http", "h", back)).isEqualTo(uri);
    }

    @Provide
    Arbitrary<String> hosts() {
        return Shapes.text("aZ09-._~!$&'()*+,;=:[]/?#@ %\u00e9", List.of("", ":", "h:", ":80", "h:80", "h:8a", "[::1]",
                "[::1]:8080", "[", "[]", "h]", "a.b.c:0", "h::80", "H:080"));
    }

    /** isHost checks the usual host by hand, without a Matcher per request: it must say what its pattern says. */
    @Property
    void isHost_anyString_agreesWithThePattern(@ForAll("hosts") String host) {
        boolean pattern = host.matches("(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9\\-._~!$&'()*+,;=]+)(:[0-9]+)?");
        assertThat(AbsoluteUri.isHost(host)).as(host).isEqualTo(pattern);
    }

    @AfterContainer
    static void summary() {
        System.out.println(OF.summary());
    }
}
