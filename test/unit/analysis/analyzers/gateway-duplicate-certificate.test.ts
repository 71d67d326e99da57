import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { AnalysisSession } from '../../../../server/src/analysis/session/analysis-session';
import { FIXTURES, describeFixtureCases } from '../fixture-cases';

const CASE = path.join(FIXTURES, 'IST0138/gateway-duplicate-certificate/fires-shared-credential');
const BOOKINFO = 'file:///ws/bookinfo-gateway.yaml';
const REVIEWS = 'file:///ws/reviews-gateway.yaml';

function read(file: string): string {
  return fs.readFileSync(path.join(CASE, file), 'utf8');
}

function duplicateCertificates(session: AnalysisSession, uri: string): string[] {
  return session
    .diagnosticsFor(uri)
    .filter((d) => d.code === 'IST0138')
    .map((d) => `${d.resource?.name}@${d.range.start.line}`);
}

describe('analyzer gateway-duplicate-certificate (IST0138)', () => {
  describeFixtureCases('IST0138/gateway-duplicate-certificate', ['IST0138']);

  it('re-checks the other Gateway when one of them changes its certificate', () => {
    const session = new AnalysisSession({ kubernetesState: 'files', celRules: null });
    const reviews = read('reviews-gateway.yaml');
    session.setDocument(BOOKINFO, read('bookinfo-gateway.yaml'));
    session.setDocument(REVIEWS, reviews);
    session.refresh();
    assert.deepEqual(duplicateCertificates(session, BOOKINFO), ['bookinfo-gateway@15']);
    assert.deepEqual(duplicateCertificates(session, REVIEWS), ['reviews-gateway@24']);

    // Only reviews-gateway.yaml is edited; bookinfo-gateway.yaml's diagnostic must go too.
    session.setDocument(REVIEWS, reviews.replace('kubernetes://wildcard-example-com', 'reviews-example-com'));
    const update = session.refresh();
    assert.ok(update.changedUris.includes(BOOKINFO), 'the unchanged Gateway is re-published');
    assert.deepEqual(duplicateCertificates(session, BOOKINFO), []);
    assert.deepEqual(duplicateCertificates(session, REVIEWS), []);

    session.setDocument(REVIEWS, reviews);
    assert.ok(session.refresh().changedUris.includes(BOOKINFO));
    assert.deepEqual(duplicateCertificates(session, BOOKINFO), ['bookinfo-gateway@15']);
  });

  it('clears the diagnostic of the remaining Gateway when the other one is deleted', () => {
    const session = new AnalysisSession({ kubernetesState: 'files', celRules: null });
    session.setDocument(BOOKINFO, read('bookinfo-gateway.yaml'));
    session.setDocument(REVIEWS, read('reviews-gateway.yaml'));
    session.refresh();
    session.removeDocument(REVIEWS);
    assert.ok(session.refresh().changedUris.includes(BOOKINFO));
    assert.deepEqual(duplicateCertificates(session, BOOKINFO), []);
  });
});
