import { describeFixtureCases } from '../fixture-cases';

describe('analyzer namespace-missing-in-primary (MESH108)', () => {
  describeFixtureCases('MESH108/namespace-missing-in-primary', ['MESH108']);
});
