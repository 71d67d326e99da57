import { describeFixtureCases } from '../fixture-cases';

describe('analyzer alpha-annotations (IST0136)', () => {
  describeFixtureCases('IST0136/alpha-annotations', ['IST0136']);
});
