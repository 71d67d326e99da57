import { describeFixtureCases } from '../fixture-cases';

describe('analyzer waypoint-binding-across-clusters (MESH410)', () => {
  describeFixtureCases('MESH410/waypoint-binding-across-clusters', ['MESH410']);
});
