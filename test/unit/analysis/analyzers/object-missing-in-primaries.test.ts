import { describeFixtureCases } from '../fixture-cases';

describe('analyzer object-missing-in-primaries (MESH202)', () => {
  describeFixtureCases('MESH202/object-missing-in-primaries', ['MESH202']);
});
