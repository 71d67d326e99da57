import { describeFixtureCases } from '../fixture-cases';

describe('analyzer mesh-identity-agreement (MESH110)', () => {
  describeFixtureCases('MESH110/mesh-identity-agreement', ['MESH110']);
});
