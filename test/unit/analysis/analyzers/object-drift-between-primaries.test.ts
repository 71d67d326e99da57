import { describeFixtureCases } from '../fixture-cases';

describe('analyzer object-drift-between-primaries (MESH201)', () => {
  describeFixtureCases('MESH201/object-drift-between-primaries', ['MESH201']);
});
