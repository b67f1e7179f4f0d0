#!/usr/bin/python3
"""Runs Larder's conformance cases against Django itself and prints what Django did.

    /usr/bin/python3 runner.py --cases DIR --work DIR [--memcached HOST:PORT] > django.json

Every case file under --cases (and its folders) is read; each case runs once per backend it names (the "api"
suite) or once (the "http" suite). The output maps "<path under --cases>#<case name>#<backend>" to the list
of step outcomes, each {"value": ...} or {"error": <exception class>, "message": ...}, with
"warnings" when the step warned. The Java side (DjangoConformanceTest) runs the same cases on
Larder and compares. Needs Debian's python3-django (3.2) and python3-pymemcache.
"""
import argparse
import json
import os
import sys
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)


def configure(work):
    from django.conf import settings
    settings.configure(
        DEBUG=False,
        ALLOWED_HOSTS=['*'],
        USE_I18N=True,
        USE_TZ=True,
        LANGUAGE_CODE='en-us',
        DATABASES={'default': {'ENGINE': 'django.db.backends.sqlite3',
                               'NAME': os.path.join(work, 'django.sqlite3')}},
        CACHES={'default': {'BACKEND': 'django.core.cache.backends.locmem.LocMemCache'},
                'db': {'BACKEND': 'django.core.cache.backends.db.DatabaseCache',
                       'LOCATION': 'larder_conformance'}},
    )
    import django
    django.setup()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--cases', required=True)
    parser.add_argument('--work', required=True)
    parser.add_argument('--memcached')
    args = parser.parse_args()
    configure(args.work)
    import api_ops
    import http_ops
    suites = {'api': api_ops, 'http': http_ops}
    results = {}
    for name in case_files(args.cases):
        with open(os.path.join(args.cases, name), encoding='utf-8') as f:
            document = json.load(f)
        suite = suites[document['suite']]
        for case in document['cases']:
            for backend in suite.backends(case):
                outcomes = suite.run(case, backend, args)
                results['%s#%s#%s' % (name, case['name'], backend)] = outcomes
    json.dump(results, sys.stdout, ensure_ascii=True, sort_keys=True, indent=0)


def case_files(root):
    """Every .json file under root, as a '/'-separated path relative to it, sorted."""
    found = []
    for directory, _, names in os.walk(root):
        for name in names:
            if name.endswith('.json'):
                found.append(os.path.relpath(os.path.join(directory, name), root).replace(os.sep, '/'))
    return sorted(found)


def outcome_of(call):
    """Runs call(), returning its outcome: the value, or the exception's class and message, and any warnings."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter('always')
        try:
            out = {'value': call()}
        except Exception as e:  # the outcome is the point: any exception is recorded
            out = {'error': type(e).__name__, 'message': str(e)}
    if caught:
        out['warnings'] = [str(w.message) for w in caught]
    return out


if __name__ == '__main__':
    main()
