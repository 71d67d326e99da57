import { describeFixtureCases } from '../fixture-cases';

describe('analyzer gateway-credentials (IST0101)', () => {
  describeFixtureCases('IST0101/gateway-credentials', ['IST0101']);
});
