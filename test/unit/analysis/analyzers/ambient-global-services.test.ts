import { describeFixtureCases } from '../fixture-cases';

describe('analyzer ambient-global-services (MESH407)', () => {
  describeFixtureCases('MESH407/ambient-global-services', ['MESH407']);
});
