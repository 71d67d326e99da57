import { describeFixtureCases } from '../fixture-cases';

describe('analyzer istiod-version-skew (MESH308)', () => {
  describeFixtureCases('MESH308/istiod-version-skew', ['MESH308']);
});
