import { describeFixtureCases } from '../fixture-cases';

describe('analyzer pod-missing-proxy (IST0103)', () => {
  describeFixtureCases('IST0103/pod-missing-proxy', ['IST0103']);
});
