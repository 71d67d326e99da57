import { describeFixtureCases } from '../fixture-cases';

describe('analyzer conflicting-gateways (IST0145)', () => {
  describeFixtureCases('IST0145/conflicting-gateways', ['IST0145']);
});
