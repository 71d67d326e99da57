import { describeFixtureCases } from '../fixture-cases';

describe('analyzer telemetry-providers (IST0157)', () => {
  describeFixtureCases('IST0157/telemetry-providers', ['IST0157']);
});
