/** The one "did you mean" measure of the modelines, schema messages, annotations and CLI options. */
import assert from 'node:assert/strict';
import { closestName, editDistance } from '../../server/src/text/closest-name';

describe('closestName', () => {
  it('counts a swap of neighbours as one edit', () => {
    assert.equal(editDistance('esat', 'east'), 1);
    assert.equal(editDistance('kubeconfg', 'kubeconfig'), 1);
    assert.equal(editDistance('west', 'east'), 2);
    assert.equal(editDistance('', 'abc'), 3);
  });

  it('suggests the closest candidate within the distance, ignoring case', () => {
    assert.equal(closestName('Esat', ['west', 'east', 'edge']), 'east');
    assert.equal(closestName('targts', ['clusters', 'targets']), 'targets');
    assert.equal(closestName('nothing-like-it', ['east', 'west']), undefined);
  });

  it('takes the limit given, and the earliest candidate among equals', () => {
    assert.equal(closestName('mesh-config', ['mesh-confg', 'mesh-conf'], 1), 'mesh-confg');
    assert.equal(closestName('kubeconfigs', ['kubeconfig', 'kubeconfigx'], 1), 'kubeconfig');
    assert.equal(closestName('abcdef', ['abcxyz'], 2), undefined);
  });
});
