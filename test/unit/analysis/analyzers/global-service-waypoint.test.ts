import { describeFixtureCases } from '../fixture-cases';

describe('analyzer global-service-waypoint (MESH408)', () => {
  describeFixtureCases('MESH408/global-service-waypoint', ['MESH408']);
});
