import { describeFixtureCases } from '../fixture-cases';

describe('analyzer externalname-port-name (IST0150)', () => {
  describeFixtureCases('IST0150/externalname-port-name', ['IST0150']);
});
