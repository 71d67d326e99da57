import { describeFixtureCases } from '../fixture-cases';

describe('analyzer virtualservice-gateways (IST0101)', () => {
  describeFixtureCases('IST0101/virtualservice-gateways', ['IST0101']);
});
