import { describeFixtureCases } from '../fixture-cases';

describe('analyzer ambient-multicluster-topology (MESH409)', () => {
  describeFixtureCases('MESH409/ambient-multicluster-topology', ['MESH409']);
});
