import { describeFixtureCases } from '../fixture-cases';

describe('analyzer service-missing-in-clusters (MESH106)', () => {
  describeFixtureCases('MESH106/service-missing-in-clusters', ['MESH106']);
});
