import { describeFixtureCases } from '../fixture-cases';

describe('analyzer gateway-selector-workloads (IST0101)', () => {
  describeFixtureCases('IST0101/gateway-selector-workloads', ['IST0101']);
});
