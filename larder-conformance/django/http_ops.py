"""The "http" suite: django.utils.cache and django.utils.http, compared with larder-http. One run per case.

A case is {"name", "steps": [...]}; each step names a Django function in "op", with:
  patch_cache_control  "cache_control" (the header before, or absent), "args" (the keyword
                       arguments, in order; true is a bare directive) -> the header after
  get_max_age          "cache_control" -> max-age as Django reads it, or None
  patch_vary_headers   "vary" (before, or absent), "add" (names) -> the Vary header after
  has_vary_header      "vary", "header" -> bool
  patch_response_headers  "cache_control", "expires" (before, or absent), "timeout" ->
                       {"Cache-Control": ..., "Expires": "unchanged", "now + timeout" or its value}
  add_never_cache_headers "cache_control", "expires" -> the same shape
  get_conditional_response "method", "request" (headers), "etag", "last_modified" (epoch
                       seconds) -> the status: 200 (go on), 304 or 412
  parse_etags          "value" (an If-None-Match value) -> the tags Django reads from it
  quote_etag           "value" -> the quoted tag
  http_date            "epoch" -> the HTTP-date
  parse_http_date_safe "value" -> epoch seconds, or None
  make_template_fragment_key "name", "vary_on" -> the key
  page_keys            "target" (the request target as sent), "host" (the Host header, or
                       absent), "scheme", "method", "request" (other headers), "vary" (the
                       response's Vary), "key_prefix", "language" and "time_zone" (the
                       active ones, with USE_I18N / USE_TZ on; absent: off) -> {"header list
                       key", "page key"} as learn_cache_key makes them, the page key's header
                       hash masked; with "part": "header hash", that hash alone
  stores               "method", "request" (headers), "status", "response" (headers), "cookie"
                       (true: the response sets one) -> whether Django's cache middleware
                       (FetchFromCacheMiddleware then UpdateCacheMiddleware, 600 s) stored it,
                       and for how many seconds: {"stored": bool, "timeout": n}
"""
from runner import outcome_of


def backends(case):
    return ['-']


def _response(step):
    from django.http import HttpResponse
    response = HttpResponse()
    for header, field in (('Cache-Control', 'cache_control'), ('Vary', 'vary'), ('Expires', 'expires')):
        if step.get(field) is not None:
            response[header] = step[field]
    return response


def _request(step):
    from django.test import RequestFactory
    meta = {'HTTP_' + name.upper().replace('-', '_'): value for name, value in step.get('request', {}).items()}
    return RequestFactory().generic(step.get('method', 'GET'), '/', **meta)


def call(step):
    from django.utils import cache, http
    op = step['op']
    if op == 'patch_cache_control':
        response = _response(step)
        cache.patch_cache_control(response, **step['args'])
        return response.get('Cache-Control')
    if op == 'get_max_age':
        return cache.get_max_age(_response(step))
    if op == 'patch_vary_headers':
        response = _response(step)
        cache.patch_vary_headers(response, step['add'])
        return response.get('Vary')
    if op == 'has_vary_header':
        return cache.has_vary_header(_response(step), step['header'])
    if op == 'patch_response_headers':
        response = _response(step)
        cache.patch_response_headers(response, step['timeout'])
        return _cache_headers(step, response, max(0, step['timeout']))
    if op == 'add_never_cache_headers':
        response = _response(step)
        cache.add_never_cache_headers(response)
        return _cache_headers(step, response, 0)
    if op == 'get_conditional_response':
        from django.http import HttpResponse
        response = cache.get_conditional_response(_request(step), etag=step.get('etag'),
                                                  last_modified=step.get('last_modified'), response=HttpResponse())
        return response.status_code
    if op == 'parse_etags':
        return cache.parse_etags(step['value'])
    if op == 'quote_etag':
        return cache.quote_etag(step['value'])
    if op == 'http_date':
        return http.http_date(step['epoch'])
    if op == 'parse_http_date_safe':
        return http.parse_http_date_safe(step['value'])
    if op == 'make_template_fragment_key':
        from django.core.cache.utils import make_template_fragment_key
        return make_template_fragment_key(step['name'], step.get('vary_on'))
    if op == 'stores':
        return _stores(step)
    if op == 'page_keys':
        return _page_keys(step)
    raise SystemExit('unknown http op %r' % op)


def _cache_headers(step, response, timeout):
    """Cache-Control as written, and Expires: "unchanged", "now + timeout" (to the second), or what it is."""
    import time
    from django.utils.http import parse_http_date
    expires = response.get('Expires')
    if step.get('expires') is not None and expires == step['expires']:
        shown = 'unchanged'
    elif expires is not None and timeout - 1 <= parse_http_date(expires) - time.time() <= timeout:
        shown = 'now + timeout'
    else:
        shown = expires
    return {'Cache-Control': response.get('Cache-Control'), 'Expires': shown}


def _wsgi_request(step):
    """The WSGIRequest a WSGI server (wsgiref, gunicorn) makes of the request target as sent."""
    import io
    from urllib.parse import unquote
    from django.core.handlers.wsgi import WSGIRequest
    # The server reads the request line's bytes (UTF-8 from a browser) as Latin-1, per PEP 3333.
    path, _, query = step['target'].encode('utf-8').decode('iso-8859-1').partition('?')
    environ = {
        'REQUEST_METHOD': step.get('method', 'GET'),
        'SCRIPT_NAME': '',
        'PATH_INFO': unquote(path, 'iso-8859-1'),
        'QUERY_STRING': query,
        'SERVER_NAME': 'testserver',
        'SERVER_PORT': '443' if step.get('scheme') == 'https' else '80',
        'SERVER_PROTOCOL': 'HTTP/1.1',
        'wsgi.url_scheme': step.get('scheme', 'http'),
        'wsgi.input': io.BytesIO(b''),
    }
    if step.get('host') is not None:
        environ['HTTP_HOST'] = step['host']
    for name, value in step.get('request', {}).items():
        environ['HTTP_' + name.upper().replace('-', '_')] = value
    return WSGIRequest(environ)


def _page_keys(step):
    from django.test import override_settings
    from django.utils import timezone, translation
    language, time_zone = step.get('language'), step.get('time_zone')
    with override_settings(USE_I18N=language is not None, USE_TZ=time_zone is not None):
        # django.utils.translation picks its real or null backend once and keeps it; pick again.
        translation._trans.__dict__.clear()
        try:
            with translation.override(language), timezone.override(time_zone):
                return _learned_keys(step)
        finally:
            translation._trans.__dict__.clear()


def _learned_keys(step):
    from django.core.cache import caches
    from django.http import HttpResponse
    from django.utils.cache import learn_cache_key, _generate_cache_header_key
    request = _wsgi_request(step)
    response = HttpResponse()
    if step.get('vary') is not None:
        response['Vary'] = step['vary']
    prefix = step.get('key_prefix', '')
    page = learn_cache_key(request, response, 600, prefix, caches['default'])
    return _key_parts(step, _generate_cache_header_key(prefix, request), page)


def _key_parts(step, header_list_key, page_key):
    """With "part": "header hash", that hash alone; else both keys, the page key's header hash masked."""
    import re
    found = re.match(r'^(views\.decorators\.cache\.cache_page\..*\.[0-9a-f]{32}\.)([0-9a-f]{32})(.*)$', page_key)
    if step.get('part') == 'header hash':
        return found.group(2)
    return {'header list key': header_list_key, 'page key': found.group(1) + '<header hash>' + found.group(3)}


def _stores(step):
    from django.core.cache import caches
    from django.http import HttpResponse
    from django.middleware.cache import FetchFromCacheMiddleware, UpdateCacheMiddleware
    cache = caches['default']
    cache.clear()
    request = _request(step)
    response = HttpResponse('page', status=step.get('status', 200))
    for name, value in step.get('response', {}).items():
        response[name] = value
    if step.get('cookie'):
        response.set_cookie('session', 'abc')
    FetchFromCacheMiddleware(lambda r: response).process_request(request)
    UpdateCacheMiddleware(lambda r: response).process_response(request, response)
    if not cache._cache:
        return {'stored': False}
    import time
    return {'stored': True, 'timeout': round(max(cache._expire_info.values()) - time.time())}


def run(case, backend, args):
    return [outcome_of(lambda: call(step)) for step in case['steps']]
