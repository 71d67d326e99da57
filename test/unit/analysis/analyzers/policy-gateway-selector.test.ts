import { describeFixtureCases } from '../fixture-cases';

describe('analyzer policy-gateway-selector (IST0166)', () => {
  describeFixtureCases('IST0166/policy-gateway-selector', ['IST0166']);
});
