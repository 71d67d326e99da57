import { describeFixtureCases } from '../fixture-cases';

describe('analyzer sidecar-selector-conflicts (IST0110)', () => {
  describeFixtureCases('IST0110/sidecar-selector-conflicts', ['IST0110']);
});
