import { describeFixtureCases } from '../fixture-cases';

describe('analyzer gateway-api-parent-refs (MESH401)', () => {
  describeFixtureCases('MESH401/gateway-api-parent-refs', ['MESH401']);
});
