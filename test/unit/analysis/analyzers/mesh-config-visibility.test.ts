import { describeFixtureCases } from '../fixture-cases';

describe('analyzer mesh-config-visibility (MESH207)', () => {
  describeFixtureCases('MESH207/mesh-config-visibility', ['MESH207']);
});
