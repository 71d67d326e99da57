import { describeFixtureCases } from '../fixture-cases';

describe('analyzer serviceentry-protocol-conflicts (IST0177)', () => {
  describeFixtureCases('IST0177/serviceentry-protocol-conflicts', ['IST0177']);
});
