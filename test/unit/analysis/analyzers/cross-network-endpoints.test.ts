import { describeFixtureCases } from '../fixture-cases';

describe('analyzer cross-network-endpoints (MESH104)', () => {
  describeFixtureCases('MESH104/cross-network-endpoints', ['MESH104']);
});
