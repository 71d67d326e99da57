import { describeFixtureCases } from '../fixture-cases';

describe('analyzer namespace-default-injection (IST0148)', () => {
  describeFixtureCases('IST0148/namespace-default-injection', ['IST0148']);
});
