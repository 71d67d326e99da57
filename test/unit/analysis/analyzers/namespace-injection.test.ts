import { describeFixtureCases } from '../fixture-cases';

describe('analyzer namespace-injection (IST0102)', () => {
  describeFixtureCases('IST0102/namespace-injection', ['IST0102']);
});
