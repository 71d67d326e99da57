import { describeFixtureCases } from '../fixture-cases';

describe('analyzer ingress-route-subsets (IST0140)', () => {
  describeFixtureCases('IST0140/ingress-route-subsets', ['IST0140']);
});
