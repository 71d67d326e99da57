import { describeFixtureCases } from '../fixture-cases';

describe('analyzer service-port-names (IST0118)', () => {
  describeFixtureCases('IST0118/service-port-names', ['IST0118']);
});
