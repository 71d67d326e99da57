import { describeFixtureCases } from '../fixture-cases';

describe('analyzer httproute-virtualservice-host (MESH403)', () => {
  describeFixtureCases('MESH403/httproute-virtualservice-host', ['MESH403']);
});
