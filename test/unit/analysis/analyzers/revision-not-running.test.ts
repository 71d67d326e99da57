import { describeFixtureCases } from '../fixture-cases';

describe('analyzer revision-not-running (MESH109)', () => {
  describeFixtureCases('MESH109/revision-not-running', ['MESH109']);
});
