import { describeFixtureCases } from '../fixture-cases';

describe('analyzer telemetry-default-selectors (IST0160)', () => {
  describeFixtureCases('IST0160/telemetry-default-selectors', ['IST0160']);
});
