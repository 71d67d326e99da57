import { describeFixtureCases } from '../fixture-cases';

describe('analyzer subset-in-some-primaries (MESH205)', () => {
  describeFixtureCases('MESH205/subset-in-some-primaries', ['MESH205']);
});
