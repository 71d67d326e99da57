import { describeFixtureCases } from '../fixture-cases';

describe('analyzer destinationrule-subset-pods (IST0173)', () => {
  describeFixtureCases('IST0173/destinationrule-subset-pods', ['IST0173']);
});
