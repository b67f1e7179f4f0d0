#!/usr/bin/env python3
"""Ratios of Larder to the alternative it is compared with, from JMH JSON results.

Each file is one round in which every benchmark ran once; a ratio is taken within a round
(so the machine's drift between rounds cancels), and the median and range over the rounds
are reported.  Usage: bench-ratios.py THREADS FILE...
"""
import json
import statistics
import sys

PAIRS = [
    ("LocMemGetBenchmark.larderReferences", "LocMemGetBenchmark.caffeineExpireAfterWrite",
     "locmem get-hit, references / raw Caffeine (expireAfterWrite)", 0.7),
    ("LocMemGetBenchmark.larderReferences", "LocMemGetBenchmark.caffeineVariableExpiry",
     "locmem get-hit, references / raw Caffeine (variable expiry)", None),
    ("LocMemCopyGetBenchmark.larderCopiesBytes", "LocMemCopyGetBenchmark.djangoStyleBytes",
     "locmem get-hit, copies, byte[100] / Django-style baseline", 1.5),
    ("LocMemCopyGetBenchmark.larderCopiesString", "LocMemCopyGetBenchmark.djangoStyleString",
     "locmem get-hit, copies, String(100) / Django-style baseline", 1.5),
    ("SpringCacheableBenchmark.hit[manager=larder-locmem-references]", "SpringCacheableBenchmark.hit[manager=caffeine]",
     "@Cacheable hit, Larder locmem (store-references) / Spring's CaffeineCacheManager", 0.8),
    ("SpringCacheableBenchmark.hit[manager=larder-locmem]", "SpringCacheableBenchmark.hit[manager=caffeine]",
     "@Cacheable hit, Larder locmem (copies, the default) / Spring's CaffeineCacheManager", None),
    ("SpringCacheableBenchmark.hit[manager=larder-redis]", "SpringCacheableBenchmark.hit[manager=spring-data-redis]",
     "@Cacheable hit, Larder Redis / Spring Data Redis RedisCacheManager, same server", 1.2),
    ("SpringCacheableBenchmark.hitRecord[manager=larder-locmem-references]", "SpringCacheableBenchmark.hitRecord[manager=caffeine]",
     "@Cacheable hit, a record, Larder locmem (store-references) / CaffeineCacheManager", 0.8),
    ("SpringCacheableBenchmark.hitRecord[manager=larder-locmem]", "SpringCacheableBenchmark.hitRecord[manager=caffeine]",
     "@Cacheable hit, a record, Larder locmem (copies) / CaffeineCacheManager", None),
    ("SpringCacheableBenchmark.hitRecord[manager=larder-redis]", "SpringCacheableBenchmark.hitRecord[manager=spring-data-redis]",
     "@Cacheable hit, a record, Larder Redis / Spring Data Redis RedisCacheManager (JDK serialisation)", 1.2),
    ("JCacheGetBenchmark.hit[provider=larder]", "JCacheGetBenchmark.hit[provider=caffeine]",
     "JCache get hit, String: Larder locmem / Caffeine's JCache provider (store-by-value)", 0.8),
    ("JCacheGetBenchmark.hit[provider=larder]", "JCacheGetBenchmark.hit[provider=ehcache]",
     "JCache get hit, String: Larder locmem / Ehcache 3's JCache provider (store-by-value)", None),
    ("JCacheGetBenchmark.hitRecord[provider=larder]", "JCacheGetBenchmark.hitRecord[provider=caffeine]",
     "JCache get hit, a record: Larder locmem / Caffeine's JCache provider (store-by-value)", 0.8),
    ("JCacheGetBenchmark.hitRecord[provider=larder]", "JCacheGetBenchmark.hitRecord[provider=ehcache]",
     "JCache get hit, a record: Larder locmem / Ehcache 3's JCache provider (store-by-value)", None),
    ("JCacheGetBenchmark.hit[provider=larder-bounded]", "JCacheGetBenchmark.hit[provider=caffeine-bounded]",
     "JCache get hit, String, both bounded to 20,000 entries: Larder locmem (max-entries) / Caffeine's JCache provider", None),
    ("JCacheGetBenchmark.hitRecord[provider=larder-bounded]", "JCacheGetBenchmark.hitRecord[provider=caffeine-bounded]",
     "JCache get hit, a record, both bounded to 20,000 entries: Larder locmem / Caffeine's JCache provider", None),
    ("NearCacheGetBenchmark.near", "NearCacheGetBenchmark.caffeine",
     "Redis with near cache, get-hit (local) / raw Caffeine getIfPresent", 0.5),
    ("NearCacheGetBenchmark.nearUnguarded", "NearCacheGetBenchmark.caffeine",
     "Redis with near cache, circuit-breaker=false, get-hit (local) / raw Caffeine getIfPresent", None),
    ("NearCacheGetBenchmark.near", "NearCacheGetBenchmark.redis",
     "Redis get-hit, near cache / without near cache, same redis-server", 10.0),
    ("NearCacheGetBenchmark.nearGetMany", "NearCacheGetBenchmark.caffeineGetMany",
     "Redis with near cache, getMany of 6 (local) / raw Caffeine getAllPresent", None),
    ("NearCacheGetBenchmark.nearGetMany", "NearCacheGetBenchmark.redisGetMany",
     "Redis getMany of 6, near cache / without near cache (one pipelined round trip)", None),
]


def name(result):
    """Class.method, then [param=value,...] for a benchmark with parameters."""
    short = result["benchmark"].rsplit(".", 2)[-2] + "." + result["benchmark"].rsplit(".", 1)[-1]
    params = result.get("params")
    return short + ("[" + ",".join(f"{k}={v}" for k, v in sorted(params.items())) + "]" if params else "")


def scores(path):
    with open(path) as f:
        return {name(r): r["primaryMetric"]["score"] for r in json.load(f)}


def main():
    threads, files = sys.argv[1], sys.argv[2:]
    rounds = [scores(f) for f in files]
    print(f"| threads | comparison | median ratio | range over {len(rounds)} rounds | Larder ops/µs (median) | other ops/µs (median) | target |")
    print("|---|---|---|---|---|---|---|")
    for ours, theirs, label, target in PAIRS:
        pairs = [(r[ours], r[theirs]) for r in rounds if ours in r and theirs in r]
        if not pairs:
            continue
        ratios = [a / b for a, b in pairs]
        print(f"| {threads} | {label} | **{statistics.median(ratios):.2f}x** | {min(ratios):.2f}-{max(ratios):.2f} "
              f"| {statistics.median(a for a, _ in pairs):.3g} | {statistics.median(b for _, b in pairs):.3g} "
              f"| {'>= %.1fx' % target if target else 'report'} |")


if __name__ == "__main__":
    main()
