import assert from 'node:assert/strict';
import {
  hostCovers,
  hostsOverlap,
  lookupCandidates,
  normalizeHost,
  serviceOfHost,
} from '../../../../server/src/analysis/model/hosts';
import { exportToAllows, exportsOverlap } from '../../../../server/src/analysis/model/export-to';

describe('hosts', () => {
  it('resolves short names in the namespace of the resource that wrote them', () => {
    assert.equal(normalizeHost('reviews', 'bookinfo'), 'reviews.bookinfo.svc.cluster.local');
    assert.equal(normalizeHost('reviews.bookinfo.svc', 'other'), 'reviews.bookinfo.svc.cluster.local');
    assert.equal(
      normalizeHost('Reviews.Bookinfo.svc.cluster.local.', 'x'),
      'reviews.bookinfo.svc.cluster.local',
    );
    assert.equal(normalizeHost('*', 'bookinfo'), '*');
    assert.equal(normalizeHost('api.example.com', 'bookinfo'), 'api.example.com');
    assert.equal(normalizeHost('10.0.0.1', 'bookinfo'), '10.0.0.1');
  });

  it('keeps name.namespace literal but also looks it up as the Service', () => {
    assert.equal(normalizeHost('reviews.bookinfo', 'default'), 'reviews.bookinfo');
    assert.deepEqual(lookupCandidates('reviews.bookinfo', 'default'), [
      'reviews.bookinfo',
      'reviews.bookinfo.svc.cluster.local',
    ]);
    assert.deepEqual(lookupCandidates('reviews', 'bookinfo'), ['reviews.bookinfo.svc.cluster.local']);
  });

  it('matches wildcards as suffixes, both ways', () => {
    assert.ok(hostsOverlap('*.bookinfo.svc.cluster.local', 'reviews.bookinfo.svc.cluster.local'));
    assert.ok(hostsOverlap('reviews.bookinfo.svc.cluster.local', '*.svc.cluster.local'));
    assert.ok(hostsOverlap('*.example.com', '*.api.example.com'));
    assert.ok(hostsOverlap('*', 'anything.at.all'));
    assert.ok(!hostsOverlap('*.example.com', 'example.com'));
    assert.ok(!hostsOverlap('reviews.a.svc.cluster.local', 'reviews.b.svc.cluster.local'));
    assert.ok(hostCovers('*.example.com', 'a.b.example.com'));
    assert.ok(!hostCovers('a.example.com', '*.example.com'));
  });

  it('recognises Service hosts', () => {
    assert.deepEqual(serviceOfHost('reviews.bookinfo.svc.cluster.local'), {
      name: 'reviews',
      namespace: 'bookinfo',
    });
    assert.equal(serviceOfHost('*.bookinfo.svc.cluster.local'), undefined);
    assert.equal(serviceOfHost('api.example.com'), undefined);
  });
});

describe('exportTo', () => {
  it('follows ".", "*", "~" and namespace names', () => {
    assert.ok(exportToAllows(['*'], 'a', 'b'));
    assert.ok(exportToAllows(['.'], 'a', 'a'));
    assert.ok(!exportToAllows(['.'], 'a', 'b'));
    assert.ok(exportToAllows(['.', 'b'], 'a', 'b'));
    assert.ok(!exportToAllows(['~'], 'a', 'a'));
  });

  it('tells whether two objects are visible together somewhere', () => {
    assert.ok(exportsOverlap({ exportTo: ['*'], namespace: 'a' }, { exportTo: ['.'], namespace: 'b' }));
    assert.ok(!exportsOverlap({ exportTo: ['.'], namespace: 'a' }, { exportTo: ['.'], namespace: 'b' }));
    assert.ok(exportsOverlap({ exportTo: ['.', 'b'], namespace: 'a' }, { exportTo: ['.'], namespace: 'b' }));
    assert.ok(!exportsOverlap({ exportTo: ['~'], namespace: 'a' }, { exportTo: ['*'], namespace: 'b' }));
  });
});
