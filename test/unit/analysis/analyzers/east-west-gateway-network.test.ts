import { describeFixtureCases } from '../fixture-cases';

describe('analyzer east-west-gateway-network (MESH110)', () => {
  describeFixtureCases('MESH110/east-west-gateway-network', ['MESH110']);
});
