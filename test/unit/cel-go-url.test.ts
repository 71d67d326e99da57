import assert from 'node:assert/strict';
import {
  CelError,
  CelList,
  CelMap,
  type CelResult,
  evaluateCelExpression,
} from '../../server/src/analysis/cel';

function run(source: string, self: string): unknown {
  const result = evaluateCelExpression(source, self);
  return plain(result);
}

function plain(value: CelResult): unknown {
  if (value instanceof CelError) return { error: value.message };
  if (value instanceof CelList) return [...value].map(plain);
  if (value instanceof CelMap) {
    return Object.fromEntries([...value.keys()].map((k) => [String(k), plain(value.get(k) ?? null)]));
  }
  return value;
}

describe('CEL url() and isURL() (Kubernetes URL library over Go net/url)', () => {
  // The examples of k8s.io/apiserver/pkg/cel/library/urls.go.
  it('reproduces the Kubernetes library documentation examples', () => {
    assert.equal(run('url(self).getHost()', 'https://example.com:80/'), 'example.com:80');
    assert.equal(run('url(self).getHost()', 'https://example.com/'), 'example.com');
    assert.equal(run('url(self).getHost()', 'https://[::1]:80/'), '[::1]:80');
    assert.equal(run('url(self).getHost()', 'https://[::1]/'), '[::1]');
    assert.equal(run('url(self).getHost()', '/absolute-path'), '');
    assert.equal(run('url(self).getHostname()', 'https://example.com:80/'), 'example.com');
    assert.equal(run('url(self).getHostname()', 'https://127.0.0.1:80/'), '127.0.0.1');
    assert.equal(run('url(self).getHostname()', 'https://[::1]:80/'), '::1');
    assert.equal(run('url(self).getPort()', 'https://example.com:80/'), '80');
    assert.equal(run('url(self).getPort()', 'https://example.com/'), '');
    assert.equal(run('url(self).getEscapedPath()', 'https://example.com/path'), '/path');
    assert.equal(
      run('url(self).getEscapedPath()', 'https://example.com/path with spaces/'),
      '/path%20with%20spaces/',
    );
    assert.equal(run('url(self).getEscapedPath()', 'https://example.com'), '');
    assert.deepEqual(run('url(self).getQuery()', 'https://example.com/path?k1=a&k2=b&k2=c'), {
      k1: ['a'],
      k2: ['b', 'c'],
    });
    assert.deepEqual(
      run('url(self).getQuery()', 'https://example.com/path?key with spaces=value with spaces'),
      {
        'key with spaces': ['value with spaces'],
      },
    );
    assert.deepEqual(run('url(self).getQuery()', 'https://example.com/path?'), {});
    assert.equal(run('isURL(self)', 'https://example.com:80/path?query=val#fragment'), true);
    assert.equal(run('isURL(self)', '/absolute-path'), true);
    assert.equal(run('isURL(self)', 'https://a:b:c/'), false);
    assert.equal(run('isURL(self)', '../relative-path'), false);
    assert.equal(
      run('url(self).getScheme()', 'https://user:pass@example.com:80/path?query=val#fragment'),
      'https',
    );
  });

  it('lower-cases the scheme and keeps the fragment out of the path', () => {
    assert.equal(run('url(self).getScheme()', 'HTTPS://example.com/'), 'https');
    assert.equal(run('url(self).getEscapedPath()', 'https://example.com/a#frag'), '/a');
  });

  it('classifies the Wasm module URLs people write', () => {
    assert.equal(run('url(self).getScheme()', 'oci://ghcr.io/istio/filter:1.0'), 'oci');
    assert.equal(run('url(self).getScheme()', 'file:///opt/filters/filter.wasm'), 'file');
    assert.equal(run('isURL(self)', 'ghcr.io/istio/filter:1.0'), false);
    assert.equal(run('isURL("http://" + self)', 'ghcr.io/istio/filter:1.0'), true);
    // Go reads "localhost:5000/x" as scheme "localhost" with an opaque part, as the API server does.
    assert.equal(run('url(self).getScheme()', 'localhost:5000/filter'), 'localhost');
  });

  it('rejects what Go rejects, with the reason', () => {
    assert.equal(run('isURL(self)', ''), false);
    assert.equal(run('isURL(self)', 'https://exa mple.com/'), false);
    assert.equal(run('isURL(self)', 'https://example.com/%zz'), false);
    assert.equal(run('isURL(self)', 'https://example.com/\u0001'), false);
    assert.equal(run('isURL(self)', ':no-scheme'), false);
    assert.equal(run('isURL(self)', 'https://[::1/'), false);
    assert.equal(run('isURL(self)', 'https://ex%41mple.com/'), false);
    assert.equal(run('isURL(self)', 'https://us er@example.com/'), false);
    assert.deepEqual(run('url(self)', 'https://exa mple.com/'), {
      error: '"https://exa mple.com/" is not a URL: invalid character " " in host name',
    });
    assert.deepEqual(run('url(self)', 'https://a:b:c/'), {
      error: '"https://a:b:c/" is not a URL: invalid port ":c" after host',
    });
  });

  it('accepts percent-encoded non-ASCII hosts and IPv6 zones as Go does', () => {
    assert.equal(run('url(self).getHost()', 'https://%C3%A9.example/'), 'é.example');
    assert.equal(run('url(self).getHostname()', 'http://[fe80::1%25en0]:8080/'), 'fe80::1%en0');
  });
});
