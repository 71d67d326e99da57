import { describeFixtureCases } from '../fixture-cases';

describe('analyzer virtualservice-gateway-hosts (IST0132)', () => {
  describeFixtureCases('IST0132/virtualservice-gateway-hosts', ['IST0132']);
});
