import { describeFixtureCases } from '../fixture-cases';

describe('analyzer multicluster-inconsistent-service (IST0170)', () => {
  describeFixtureCases('IST0170/multicluster-inconsistent-service', ['IST0170']);
});
