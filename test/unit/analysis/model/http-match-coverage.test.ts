import assert from 'node:assert/strict';
import {
  matchCovers,
  matchIdentity,
  matchesEverything,
} from '../../../../server/src/analysis/model/http-match-coverage';

const NS = 'bookinfo';

describe('HTTP match coverage', () => {
  it('treats matches that differ only in name, key order or gateway spelling as the same', () => {
    const a = { name: 'a', uri: { prefix: '/static' }, gateways: ['bookinfo-gateway'] };
    const b = { gateways: ['bookinfo/bookinfo-gateway'], uri: { prefix: '/static' }, name: 'b' };
    assert.equal(matchIdentity(a, NS), matchIdentity(b, NS));
    assert.ok(matchCovers(a, b, NS));
  });

  it('knows a prefix covers longer prefixes and exact paths under it, not the reverse', () => {
    assert.ok(matchCovers({ uri: { prefix: '/api' } }, { uri: { prefix: '/api/v1' } }, NS));
    assert.ok(matchCovers({ uri: { prefix: '/api' } }, { uri: { exact: '/api/v1/products' } }, NS));
    assert.ok(!matchCovers({ uri: { prefix: '/api/v1' } }, { uri: { prefix: '/api' } }, NS));
    assert.ok(!matchCovers({ uri: { exact: '/api' } }, { uri: { prefix: '/api' } }, NS));
  });

  it('lets a match with fewer conditions cover one with more, never the reverse', () => {
    const broad = { headers: { 'End-User': { exact: 'jason' } } };
    const narrow = { headers: { 'end-user': { exact: 'jason' } }, uri: { prefix: '/reviews' }, port: 9080 };
    assert.ok(matchCovers(broad, narrow, NS), 'header names are case-insensitive');
    assert.ok(!matchCovers(narrow, broad, NS));
    assert.ok(
      matchCovers(
        { sourceLabels: { app: 'productpage' } },
        { sourceLabels: { app: 'productpage', version: 'v2' } },
        NS,
      ),
    );
    assert.ok(!matchCovers({ port: 9080 }, { port: 8080 }, NS));
  });

  it('respects case folding: a case-sensitive match does not cover a case-insensitive one', () => {
    assert.ok(
      !matchCovers(
        { uri: { prefix: '/static' } },
        { uri: { prefix: '/static/css' }, ignoreUriCase: true },
        NS,
      ),
    );
    assert.ok(
      matchCovers(
        { uri: { prefix: '/Static' }, ignoreUriCase: true },
        { uri: { prefix: '/static/css' } },
        NS,
      ),
    );
    assert.ok(matchCovers({ uri: { prefix: '/' } }, { uri: { prefix: '/x' }, ignoreUriCase: true }, NS));
  });

  it('only compares regexes for equality', () => {
    assert.ok(!matchCovers({ uri: { regex: '/api/.*' } }, { uri: { regex: '/api/v1/.*' } }, NS));
    assert.ok(matchCovers({ uri: { regex: '/api/.*' } }, { uri: { regex: '/api/.*' } }, NS));
    assert.ok(!matchCovers({ uri: { regex: '/api/.*' } }, { uri: { exact: '/api/v1' } }, NS));
  });

  it('limits gateway-scoped matches to their gateways', () => {
    assert.ok(!matchCovers({ uri: { prefix: '/' }, gateways: ['mesh'] }, { uri: { prefix: '/x' } }, NS));
    assert.ok(matchCovers({ uri: { prefix: '/' } }, { uri: { prefix: '/x' }, gateways: ['mesh'] }, NS));
  });

  it('never claims coverage from a field it does not know', () => {
    assert.ok(!matchCovers({ futureField: { on: true } }, { uri: { prefix: '/x' } }, NS));
  });

  it('recognises matches that take every request', () => {
    assert.ok(matchesEverything({ uri: { prefix: '/' } }));
    assert.ok(matchesEverything({ name: 'all' }));
    assert.ok(!matchesEverything({ uri: { prefix: '/api' } }));
    assert.ok(!matchesEverything({ uri: { prefix: '/' }, headers: { x: { exact: 'y' } } }));
  });
});
