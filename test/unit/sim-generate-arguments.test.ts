/**
 * `meshwright-sim --generate SHAPE`: the numeric members of a mesh's shape, and `objects=small` for
 * workloads without what analysis never reads.
 */
import assert from 'node:assert/strict';
import { parseSimArguments, UsageError } from '../../simulator/src/cli/sim-arguments';

describe('meshwright-sim --generate', () => {
  it('reads the numbers of the shape and leaves the objects realistic by default', () => {
    const parsed = parseSimArguments([
      '--generate',
      'clusters=5,services=10,pods=1,networks=2',
      '--kubeconfig',
      'k',
    ]);
    assert.deepEqual(parsed.generate, {
      clusters: 5,
      servicesPerCluster: 10,
      podsPerService: 1,
      networks: 2,
    });
  });

  it('takes objects=small or objects=realistic, and refuses anything else', () => {
    for (const objects of ['small', 'realistic']) {
      const parsed = parseSimArguments(['--generate', `clusters=2,objects=${objects}`, '--kubeconfig', 'k']);
      assert.deepEqual(parsed.generate, { clusters: 2, objects });
    }
    assert.throws(
      () => parseSimArguments(['--generate', 'objects=huge', '--kubeconfig', 'k']),
      (error: unknown) => error instanceof UsageError && /realistic or small/.test(error.message),
    );
  });
});
