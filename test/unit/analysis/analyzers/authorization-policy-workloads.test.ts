import { describeFixtureCases } from '../fixture-cases';

describe('analyzer authorization-policy-workloads (IST0127)', () => {
  describeFixtureCases('IST0127/authorization-policy-workloads', ['IST0127']);
});
