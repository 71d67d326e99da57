import { describeFixtureCases } from '../fixture-cases';

describe('analyzer virtualservice-destination-hosts (IST0101)', () => {
  describeFixtureCases('IST0101/virtualservice-destination-hosts', ['IST0101']);
});
