import { describeFixtureCases } from '../fixture-cases';

describe('analyzer use-waypoint-target (MESH404)', () => {
  describeFixtureCases('MESH404/use-waypoint-target', ['MESH404']);
});
