import { describeFixtureCases } from '../fixture-cases';

describe('analyzer envoyfilter-operation-targets (IST0152, IST0153, IST0154)', () => {
  describeFixtureCases('IST0152/envoyfilter-operation-targets', ['IST0152', 'IST0153', 'IST0154']);
});
