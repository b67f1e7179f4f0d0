package dev.larder.spring.web;

import org.springframework.boot.test.context.SpringBootTest;

/** The page cache contract over HTTP, on the local-memory default cache. */
@SpringBootTest(classes = PagesApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "larder.page-cache.enabled=true", "larder.page-cache.url-patterns=/site/*",
                "larder.page-cache.timeout=300", "larder.page-cache.status-header=X-Larder-Cache" })
class PageCacheLocmemHttpTest extends PageCacheHttpContract {
}
