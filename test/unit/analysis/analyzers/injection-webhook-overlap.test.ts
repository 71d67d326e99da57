import { describeFixtureCases } from '../fixture-cases';

describe('analyzer injection-webhook-overlap (IST0139)', () => {
  describeFixtureCases('IST0139/injection-webhook-overlap', ['IST0139']);
});
