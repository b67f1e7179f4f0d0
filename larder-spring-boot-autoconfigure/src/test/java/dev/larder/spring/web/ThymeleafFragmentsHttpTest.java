package dev.larder.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.CacheRegistry;
import dev.larder.servlet.FragmentCache;
import jakarta.servlet.http.HttpSession;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Fragments through Boot's Thymeleaf views over real HTTP: a fragment whose links the
 * container rewrote with the visitor's session id (a new session, no cookie yet) is served
 * to that visitor and never stored; once the session travels in a cookie, the same fragment
 * is stored and served to everyone.
 */
@SpringBootTest(classes = ThymeleafFragmentsHttpTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "larder.caches.default.backend=locmem", "larder.caches.default.location=thymeleaf-http" })
class ThymeleafFragmentsHttpTest {
    @LocalServerPort
    int port;
    @Autowired
    CacheRegistry caches;

    @Test
    void aFragmentWithTheSessionIdInItsLinks_isNotStored_butOneWithout_is() {
        Http http = new Http(port);
        HttpResponse<String> first = http.get("/nav");
        assertThat(first.body()).contains(";jsessionid=");
        String key = FragmentCache.key("nav");
        assertThat(caches.defaultCache().get(key)).as("the session id must not reach other visitors").isNull();

        HttpResponse<String> withCookie = http.get("/nav", "Cookie", Http.cookie(first));
        assertThat(withCookie.body()).doesNotContain("jsessionid").contains("href=\"/next\"");
        assertThat((String) caches.defaultCache().get(key)).contains("href=\"/next\"").doesNotContain("jsessionid");
        HttpResponse<String> other = http.get("/nav", "Cookie", Http.cookie(http.get("/nav")));
        assertThat(other.body()).doesNotContain("jsessionid");
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration(excludeName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
            "org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration" })
    @Import(NavController.class)
    static class App {
    }

    @Controller
    static class NavController {
        @GetMapping("/nav")
        String nav(HttpSession session) {
            session.setAttribute("seen", true);
            return "larder-nav";
        }
    }
}
