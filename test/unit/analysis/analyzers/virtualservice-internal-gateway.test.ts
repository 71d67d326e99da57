import { describeFixtureCases } from '../fixture-cases';

describe('analyzer virtualservice-internal-gateway (IST0165)', () => {
  // IST0101 too: a generated gateway name is reported once, as IST0165, not also as a missing Gateway.
  describeFixtureCases('IST0165/virtualservice-internal-gateway', ['IST0165', 'IST0101']);
});
