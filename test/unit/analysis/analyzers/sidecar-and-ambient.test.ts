import { describeFixtureCases } from '../fixture-cases';

describe('analyzer sidecar-and-ambient (MESH406)', () => {
  describeFixtureCases('MESH406/sidecar-and-ambient', ['MESH406']);
});
