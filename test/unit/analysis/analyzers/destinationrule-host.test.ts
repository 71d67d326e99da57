import { describeFixtureCases } from '../fixture-cases';

describe('analyzer destinationrule-host (IST0174)', () => {
  describeFixtureCases('IST0174/destinationrule-host', ['IST0174']);
});
