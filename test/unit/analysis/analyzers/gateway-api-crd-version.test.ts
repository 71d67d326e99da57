import { describeFixtureCases } from '../fixture-cases';

describe('analyzer gateway-api-crd-version (IST0176)', () => {
  describeFixtureCases('IST0176/gateway-api-crd-version', ['IST0176']);
});
