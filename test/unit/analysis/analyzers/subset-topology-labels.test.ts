import { describeFixtureCases } from '../fixture-cases';

describe('analyzer subset-topology-labels (MESH103)', () => {
  describeFixtureCases('MESH103/subset-topology-labels', ['MESH103']);
});
