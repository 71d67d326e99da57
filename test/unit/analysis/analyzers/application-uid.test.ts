import { describeFixtureCases } from '../fixture-cases';

describe('analyzer application-uid (IST0144)', () => {
  describeFixtureCases('IST0144/application-uid', ['IST0144']);
});
