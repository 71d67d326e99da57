import { describeFixtureCases } from '../fixture-cases';

describe('analyzer virtualservice-destination-subsets (IST0101)', () => {
  describeFixtureCases('IST0101/virtualservice-destination-subsets', ['IST0101']);
});
