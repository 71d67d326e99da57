/**
 * `meshwright.apply.protectedContexts`: which clusters need their name typed before an apply. Globs
 * match the whole name (`*` any run, `?` one character), case-sensitively; other characters, regex
 * metacharacters included, match themselves; non-string entries are ignored.
 */
import assert from 'node:assert/strict';
import { protectedClusters, protectingPattern } from '../../client/src/apply/protected-contexts';

describe('apply: protected contexts', () => {
  it('matches whole names with * and ?', () => {
    assert.equal(protectingPattern('prod-east', ['prod-*']), 'prod-*');
    assert.equal(protectingPattern('preprod-east', ['prod-*']), undefined);
    assert.equal(protectingPattern('west', ['wes?']), 'wes?');
    assert.equal(protectingPattern('wes', ['wes?']), undefined);
    assert.equal(protectingPattern('anything', ['*']), '*');
  });

  it('is case-sensitive and treats regex characters literally', () => {
    assert.equal(protectingPattern('Prod-east', ['prod-*']), undefined);
    assert.equal(protectingPattern('gke_project.zone', ['gke_project.zone']), 'gke_project.zone');
    assert.equal(protectingPattern('gke_projectXzone', ['gke_project.zone']), undefined);
    assert.equal(protectingPattern('a+b', ['a+b']), 'a+b');
  });

  it('ignores entries that are not patterns', () => {
    assert.equal(protectingPattern('west', [42, null, '', '  ']), undefined);
  });

  it('lists the protected clusters of a run, in order, with their pattern', () => {
    assert.deepEqual(protectedClusters(['east', 'prod-west', 'prod-east'], ['west', 'prod-*']), [
      { cluster: 'prod-west', pattern: 'prod-*' },
      { cluster: 'prod-east', pattern: 'prod-*' },
    ]);
  });
});
