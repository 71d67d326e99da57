import { describeFixtureCases } from '../fixture-cases';

describe('analyzer sidecar-selector-workloads (IST0101)', () => {
  describeFixtureCases('IST0101/sidecar-selector-workloads', ['IST0101']);
});
