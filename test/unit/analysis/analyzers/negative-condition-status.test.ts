import { describeFixtureCases } from '../fixture-cases';

describe('analyzer negative-condition-status (IST0171)', () => {
  describeFixtureCases('IST0171/negative-condition-status', ['IST0171']);
});
