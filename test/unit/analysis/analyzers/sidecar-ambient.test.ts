import { describeFixtureCases } from '../fixture-cases';

describe('analyzer sidecar-ambient (IST0167)', () => {
  describeFixtureCases('IST0167/sidecar-ambient', ['IST0167']);
});
