import { describeFixtureCases } from '../fixture-cases';

describe('analyzer authorization-policy-namespaces (IST0101)', () => {
  describeFixtureCases('IST0101/authorization-policy-namespaces', ['IST0101']);
});
