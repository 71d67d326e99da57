import { describeFixtureCases } from '../fixture-cases';

describe('analyzer envoyfilter-relative-operations (IST0151, IST0155)', () => {
  describeFixtureCases('IST0151/envoyfilter-relative-operations', ['IST0151', 'IST0155']);
});
