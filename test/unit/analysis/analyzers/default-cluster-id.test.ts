import { describeFixtureCases } from '../fixture-cases';

describe('analyzer default-cluster-id (MESH110)', () => {
  describeFixtureCases('MESH110/default-cluster-id', ['MESH110']);
});
