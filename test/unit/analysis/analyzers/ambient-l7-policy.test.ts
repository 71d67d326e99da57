import { describeFixtureCases } from '../fixture-cases';

describe('analyzer ambient-l7-policy (MESH405)', () => {
  describeFixtureCases('MESH405/ambient-l7-policy', ['MESH405']);
});
