import { describeFixtureCases } from '../fixture-cases';

describe('analyzer proxy-image-mismatch (IST0158)', () => {
  describeFixtureCases('IST0158/proxy-image-mismatch', ['IST0158']);
});
