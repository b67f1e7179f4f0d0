"""The "api" suite: Django's low-level cache API on locmem, file, db (SQLite) and memcached.

A case is {"name", "backends"?: [...], "settings"?: {"TIMEOUT", "KEY_PREFIX", "VERSION",
"OPTIONS": {"MAX_ENTRIES", "CULL_FREQUENCY"}}, "steps": [...]}. A step is {"op", ...}: the
cache call with its arguments by Django's names ("key", "value", "default", "timeout",
"version", "delta", "keys", "data"); "set_text_of_size" (sets key to "x" * size); "set_range" (sets prefix+n to n for n in from..to);
"sleep" (seconds); "present" and "count_present" (which, or how many, of "keys" the cache has). An absent "timeout" is Django's DEFAULT_TIMEOUT; null is None (never expire).
"""
import os
import shutil
import tempfile
import time

from runner import outcome_of

BACKENDS = ['locmem', 'file', 'db', 'memcached']
_created_table = []


def backends(case):
    return case.get('backends', BACKENDS)


def make_cache(case, backend, args):
    settings = case.get('settings', {})
    params = {'OPTIONS': dict(settings.get('OPTIONS', {}))}
    for name in ('TIMEOUT', 'KEY_PREFIX', 'VERSION'):
        if name in settings:
            params[name] = settings[name]
    if backend == 'locmem':
        from django.core.cache.backends.locmem import LocMemCache
        return LocMemCache('conformance-%s' % case['name'], params)
    if backend == 'file':
        from django.core.cache.backends.filebased import FileBasedCache
        directory = tempfile.mkdtemp(dir=args.work)
        return FileBasedCache(directory, params)
    if backend == 'db':
        from django.core.cache.backends.db import DatabaseCache
        if not _created_table:
            from django.core.management import call_command
            call_command('createcachetable', 'larder_conformance', verbosity=0)
            _created_table.append(True)
        cache = DatabaseCache('larder_conformance', params)
        from django.db import connection
        with connection.cursor() as cursor:
            cursor.execute('DELETE FROM larder_conformance')
        return cache
    if backend == 'memcached':
        if not args.memcached:
            raise SystemExit('the memcached backend needs --memcached HOST:PORT')
        from django.core.cache.backends.memcached import PyMemcacheCache
        cache = PyMemcacheCache(args.memcached, params)
        cache._cache.flush_all()
        return cache
    raise SystemExit('unknown backend %r' % backend)


def _timeout(step):
    from django.core.cache.backends.base import DEFAULT_TIMEOUT
    return step['timeout'] if 'timeout' in step else DEFAULT_TIMEOUT


def call(cache, step):
    op = step['op']
    version = step.get('version')
    if op == 'set':
        return cache.set(step['key'], step['value'], _timeout(step), version=version)
    if op == 'add':
        return cache.add(step['key'], step['value'], _timeout(step), version=version)
    if op == 'get':
        return cache.get(step['key'], step.get('default'), version=version)
    if op == 'get_or_set':
        return cache.get_or_set(step['key'], step['default'], _timeout(step), version=version)
    if op == 'get_many':
        return cache.get_many(step['keys'], version=version)
    if op == 'set_many':
        return cache.set_many(step['data'], _timeout(step), version=version)
    if op == 'delete':
        return cache.delete(step['key'], version=version)
    if op == 'delete_many':
        return cache.delete_many(step['keys'], version=version)
    if op == 'clear':
        return cache.clear()
    if op == 'close':
        return cache.close()
    if op == 'touch':
        return cache.touch(step['key'], _timeout(step), version=version)
    if op == 'incr':
        return cache.incr(step['key'], step.get('delta', 1), version=version)
    if op == 'decr':
        return cache.decr(step['key'], step.get('delta', 1), version=version)
    if op == 'has_key':
        return cache.has_key(step['key'], version=version)
    if op == 'incr_version':
        return cache.incr_version(step['key'], step.get('delta', 1), version=version)
    if op == 'decr_version':
        return cache.decr_version(step['key'], step.get('delta', 1), version=version)
    if op == 'present':
        return [cache.has_key(k, version=version) for k in step['keys']]
    if op == 'count_present':
        return sum(1 for k in step['keys'] if cache.has_key(k, version=version))
    if op == 'set_text_of_size':
        return cache.set(step['key'], 'x' * step['size'], _timeout(step), version=version)
    if op == 'set_range':
        # "prefix" + n for n in from..to, value n, one set at a time (culling happens between them).
        for n in range(step['from'], step['to'] + 1):
            cache.set('%s%d' % (step['prefix'], n), n, _timeout(step), version=version)
        return None
    if op == 'sleep':
        time.sleep(step['seconds'])
        return None
    raise SystemExit('unknown api op %r' % op)


def run(case, backend, args):
    cache = make_cache(case, backend, args)
    try:
        return [outcome_of(lambda: call(cache, step)) for step in case['steps']]
    finally:
        cache.close()

