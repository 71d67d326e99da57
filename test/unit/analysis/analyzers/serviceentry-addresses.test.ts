import { describeFixtureCases } from '../fixture-cases';

describe('analyzer serviceentry-addresses (IST0134)', () => {
  describeFixtureCases('IST0134/serviceentry-addresses', ['IST0134']);
});
