import { describeFixtureCases } from '../fixture-cases';

describe('analyzer mesh-networks-registry (IST0126)', () => {
  describeFixtureCases('IST0126/mesh-networks-registry', ['IST0126']);
});
