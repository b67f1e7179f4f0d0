package dev.larder.jdbc;

import dev.larder.spi.CacheKey;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * The pages of one {@code keys()} listing: every live row of the table, as {@code clear()}
 * removes every row, {@value #PAGE} at a time by keyset pagination ({@code WHERE cache_key > ?
 * ORDER BY cache_key LIMIT n}), each page its own short statement, so no cursor or transaction
 * stays open between pages and a key written meanwhile is listed only if it sorts after the
 * last one read. Shortened keys ({@link StoredKeys}) are left out: they cannot be turned back
 * into the keys they stand for.
 */
final class KeyListing implements Supplier<List<CacheKey>> {
    static final int PAGE = 1000;

    private final TableRows rows;
    private final TransactionRunner transactions;
    private final Clock clock;
    private String after;
    private boolean over;

    KeyListing(TableRows rows, TransactionRunner transactions, Clock clock) {
        this.rows = rows;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** The next page's keys, or null once the table has been read to its end. */
    @Override
    public List<CacheKey> get() {
        if (over) {
            return null;
        }
        String from = after;
        List<String> page = transactions.run("keys", c -> rows.liveKeysAfter(c, from, clock.millis(), PAGE));
        over = page.size() < PAGE;
        if (!page.isEmpty()) {
            after = page.get(page.size() - 1);
        }
        return page.stream().filter(k -> !k.startsWith(StoredKeys.MARKER)).map(CacheKey::of).toList();
    }
}
