import { describeFixtureCases } from '../fixture-cases';

describe('analyzer remote-secret-cluster-id (MESH110)', () => {
  describeFixtureCases('MESH110/remote-secret-cluster-id', ['MESH110']);
});
