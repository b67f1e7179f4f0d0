package dev.larder.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.CacheConfig;
import dev.larder.CacheRegistry;
import dev.larder.KeyFunction;
import dev.larder.SerializationException;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.CachePut;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.Caching;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spring's caching annotations through a real proxy ({@code @EnableCaching}) over the
 * auto-configured Larder cache manager. Subclasses give the backend's properties.
 */
abstract class CachingAnnotationsContract {

    /** {@code larder.caches.default.*} for the backend under test. */
    protected abstract String[] backendProperties();

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(LarderAutoConfiguration.class,
                        LarderCacheManagerAutoConfiguration.class, CacheAutoConfiguration.class))
                .withUserConfiguration(Books.class)
                .withPropertyValues(backendProperties());
    }

    @Configuration(proxyBeanMethods = false)
    @EnableCaching
    static class Books {
        @Bean
        BookService bookService() {
            return new BookService();
        }
    }

    /** Counts its real calls; every method is cached by Spring's annotations. */
    static class BookService {
        private final AtomicInteger calls = new AtomicInteger();

        /** Through a method: the proxy is a subclass, whose own fields are never set. */
        public int calls() {
            return calls.get();
        }

        @Cacheable("books")
        public String find(String isbn) {
            return "book " + isbn + " #" + calls.incrementAndGet();
        }

        @Cacheable(cacheNames = "books-sync", sync = true)
        public String findSync(String isbn) {
            return "book " + isbn + " #" + calls.incrementAndGet();
        }

        @Cacheable("pages")
        public int pages(String isbn, int edition) {
            calls.incrementAndGet();
            return 100 + edition;
        }

        @Cacheable("details")
        public Book details(String isbn) {
            return new Book(isbn, "title #" + calls.incrementAndGet(), 321);
        }

        @Cacheable("missing")
        public String missing(String isbn) {
            calls.incrementAndGet();
            return null;
        }

        @Cacheable("books-async")
        public CompletableFuture<String> findAsync(String isbn) {
            return CompletableFuture.completedFuture("book " + isbn + " #" + calls.incrementAndGet());
        }

        @CachePut(cacheNames = "books", key = "#p0")
        public String update(String isbn, String title) {
            return title;
        }

        @CacheEvict("books")
        public void remove(String isbn) {
        }

        @CacheEvict(cacheNames = "books", allEntries = true)
        public void removeAll() {
        }

        @Caching(evict = @CacheEvict(cacheNames = "books", key = "#p0"),
                put = @CachePut(cacheNames = "titles", key = "#p0"))
        public String retitle(String isbn, String title) {
            return title;
        }
    }

    /** An application's own value class: stored only once allow-classes names it. */
    public record Book(String isbn, String title, int pages) {
    }

    static String isbn() {
        return UUID.randomUUID().toString();
    }

    @Test
    void cacheable_callsTheMethodOnce() {
        runner().run(context -> {
            BookService books = context.getBean(BookService.class);
            String isbn = isbn();
            String first = books.find(isbn);
            assertThat(books.find(isbn)).isEqualTo(first);
            assertThat(books.calls()).isEqualTo(1);
        });
    }

    @Test
    void aRecordValue_isRefusedUntilAllowed_namingTheClassAndTheOption() {
        runner().run(context -> {
            BookService books = context.getBean(BookService.class);
            assertThatThrownBy(() -> books.details(isbn())).isInstanceOf(SerializationException.class)
                    .hasMessageContaining(Book.class.getName()).hasMessageContaining("allow-classes");
        });
    }

    @Test
    void aRecordValue_onceAllowed_isCachedAndComesBackEqual() {
        runner().withPropertyValues("larder.caches.default.options.allow-classes=" + Book.class.getName())
                .run(context -> {
                    BookService books = context.getBean(BookService.class);
                    String isbn = isbn();
                    Book first = books.details(isbn);
                    assertThat(books.details(isbn)).isEqualTo(first).isNotSameAs(first);
                    assertThat(books.calls()).isEqualTo(1);
                });
    }

    @Test
    void cacheableSync_callsTheMethodOnce() {
        runner().run(context -> {
            BookService books = context.getBean(BookService.class);
            String isbn = isbn();
            String first = books.findSync(isbn);
            assertThat(books.findSync(isbn)).isEqualTo(first);
            assertThat(books.calls()).isEqualTo(1);
        });
    }

    @Test
    void cacheable_intResult_withASimpleKey_comesBackAsAnInt() {
        runner().run(context -> {
            BookService books = context.getBean(BookService.class);
            String isbn = isbn();
            int first = books.pages(isbn, 2);
            int again = books.pages(isbn, 2);
            assertThat(again).isEqualTo(first).isEqualTo(102);
            books.pages(isbn, 3);
            assertThat(books.calls()).isEqualTo(2);
        });
    }

    @Test
    void cacheable_nullResult_isCached() {
        runner().run(context -> {
            BookService books = context.getBean(BookService.class);
            String isbn = isbn();
            assertThat(books.missing(isbn)).isNull();
            assertThat(books.missing(isbn)).isNull();
            assertThat(books.calls()).isEqualTo(1);
        });
    }

    @Test
    void cacheable_completableFuture_isCachedAsynchronously_offTheCallersThread() {
        // "books-async" as a Larder cache of its own, whose key function sees the thread of every store call.
        Set<Thread> storeThreads = ConcurrentHashMap.newKeySet();
        KeyFunction recording = (key, prefix, version) -> {
            storeThreads.add(Thread.currentThread());
            return KeyFunction.DEFAULT.makeKey(key, prefix, version);
        };
        CacheRegistryCustomizer asyncCache = builder -> {
            CacheConfig base = builder.configs().get(CacheRegistry.DEFAULT_ALIAS);
            builder.cache("books-async", CacheConfig.builder().backend(base.backend()).location(base.location())
                    .keyPrefix("books-async").keyFunction(recording).build());
        };
        runner().withBean(CacheRegistryCustomizer.class, () -> asyncCache).run(context -> {
            // Creating the cache made keys on this thread (Redis: its clear() pattern); calls start here.
            storeThreads.clear();
            BookService books = context.getBean(BookService.class);
            String isbn = isbn();
            String first = books.findAsync(isbn).get(10, TimeUnit.SECONDS);
            // The miss's put may run on this thread: Spring puts when the method's future completes, and
            // Cache.put is a blocking call by its contract. The hit is a retrieve alone, which must not.
            storeThreads.clear();
            assertThat(books.findAsync(isbn).get(10, TimeUnit.SECONDS)).isEqualTo(first);
            assertThat(books.calls()).isEqualTo(1);
            assertThat(storeThreads).as("the hit's read").isNotEmpty().doesNotContain(Thread.currentThread());
        });
    }

    @Test
    void cachePut_replacesTheEntry() {
        runner().run(context -> {
            BookService books = context.getBean(BookService.class);
            String isbn = isbn();
            books.find(isbn);
            books.update(isbn, "new title");
            assertThat(books.find(isbn)).isEqualTo("new title");
            assertThat(books.calls()).isEqualTo(1);
        });
    }

    @Test
    void cacheEvict_removesTheEntry() {
        runner().run(context -> {
            BookService books = context.getBean(BookService.class);
            String isbn = isbn();
            books.find(isbn);
            books.remove(isbn);
            assertThat(books.find(isbn)).endsWith("#2");
        });
    }

    @Test
    void cacheEvictAllEntries_clearsTheCache_butNotAnotherCachesEntries() {
        runner().run(context -> {
            BookService books = context.getBean(BookService.class);
            String isbn = isbn();
            books.find(isbn);
            books.findSync(isbn);
            books.removeAll();
            assertThat(books.find(isbn)).endsWith("#3");
            // Redis clears by prefix, locmem gives each created cache a store of its own: the other entry stays.
            assertThat(books.findSync(isbn)).endsWith("#2");
            assertThat(books.calls()).isEqualTo(3);
        });
    }

    @Test
    void caching_evictsOneCache_andPutsInAnother() {
        runner().run(context -> {
            BookService books = context.getBean(BookService.class);
            String isbn = isbn();
            books.find(isbn);
            books.retitle(isbn, "retitled");
            assertThat(books.find(isbn)).endsWith("#2");
            var manager = context.getBean(org.springframework.cache.CacheManager.class);
            assertThat(manager.getCache("titles").get(isbn).get()).isEqualTo("retitled");
        });
    }
}
