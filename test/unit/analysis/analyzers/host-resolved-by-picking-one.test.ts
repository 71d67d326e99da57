import { describeFixtureCases } from '../fixture-cases';

describe('analyzer host-resolved-by-picking-one (MESH208)', () => {
  describeFixtureCases('MESH208/host-resolved-by-picking-one', ['MESH208']);
});
