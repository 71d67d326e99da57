import { describeFixtureCases } from '../fixture-cases';

describe('analyzer mtls-disabled-against-strict (MESH204)', () => {
  describeFixtureCases('MESH204/mtls-disabled-against-strict', ['MESH204']);
});
