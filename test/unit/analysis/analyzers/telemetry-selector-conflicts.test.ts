import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { AnalysisSession } from '../../../../server/src/analysis/session/analysis-session';
import { FIXTURES, describeFixtureCases } from '../fixture-cases';

const CASE = path.join(FIXTURES, 'IST0159/telemetry-selector-conflicts/fires-same-pod-selected');
const PLATFORM = 'file:///ws/platform.yaml';
const TELEMETRY = 'file:///ws/telemetry.yaml';

describe('analyzer telemetry-selector-conflicts (IST0159)', () => {
  describeFixtureCases('IST0159/telemetry-selector-conflicts', ['IST0159']);

  it('re-checks the Telemetries when the pods they select change', () => {
    const platform = fs.readFileSync(path.join(CASE, 'platform.yaml'), 'utf8');
    const session = new AnalysisSession({ kubernetesState: 'files', celRules: null });
    session.setDocument(PLATFORM, platform);
    session.setDocument(TELEMETRY, fs.readFileSync(path.join(CASE, 'telemetry.yaml'), 'utf8'));
    session.refresh();
    const conflicts = (): string[] =>
      session
        .diagnosticsFor(TELEMETRY)
        .filter((d) => d.code === 'IST0159')
        .map((d) => d.resource!.name)
        .sort();
    assert.deepEqual(conflicts(), ['reviews-tracing', 'reviews-v2-logs']);

    // reviews v2 is relabelled: reviews-v2-logs now selects no pod, so nothing is shared.
    const update = (text: string): readonly string[] => {
      session.setDocument(PLATFORM, text);
      return session.refresh().changedUris;
    };
    assert.ok(update(platform.replace('version: v2', 'version: v2-canary')).includes(TELEMETRY));
    assert.deepEqual(conflicts(), []);
    assert.ok(update(platform).includes(TELEMETRY));
    assert.deepEqual(conflicts(), ['reviews-tracing', 'reviews-v2-logs']);
  });
});
