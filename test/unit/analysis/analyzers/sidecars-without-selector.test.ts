import { describeFixtureCases } from '../fixture-cases';

describe('analyzer sidecars-without-selector (IST0111)', () => {
  describeFixtureCases('IST0111/sidecars-without-selector', ['IST0111']);
});
