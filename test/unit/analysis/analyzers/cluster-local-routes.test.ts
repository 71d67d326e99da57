import { describeFixtureCases } from '../fixture-cases';

describe('analyzer cluster-local-routes (MESH105)', () => {
  describeFixtureCases('MESH105/cluster-local-routes', ['MESH105']);
});
