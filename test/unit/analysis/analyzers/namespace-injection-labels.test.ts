import { describeFixtureCases } from '../fixture-cases';

describe('analyzer namespace-injection-labels (IST0123)', () => {
  describeFixtureCases('IST0123/namespace-injection-labels', ['IST0123']);
});
