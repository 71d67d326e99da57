import { describeFixtureCases } from '../fixture-cases';

describe('analyzer injection-webhook-service (IST0139)', () => {
  describeFixtureCases('IST0139/injection-webhook-service', ['IST0139']);
});
