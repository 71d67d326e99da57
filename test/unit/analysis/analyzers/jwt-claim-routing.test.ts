import { describeFixtureCases } from '../fixture-cases';

describe('analyzer jwt-claim-routing (IST0149)', () => {
  describeFixtureCases('IST0149/jwt-claim-routing', ['IST0149']);
});
