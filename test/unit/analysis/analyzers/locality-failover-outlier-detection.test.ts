import { describeFixtureCases } from '../fixture-cases';

describe('analyzer locality-failover-outlier-detection (MESH101)', () => {
  describeFixtureCases('MESH101/locality-failover-outlier-detection', ['MESH101']);
});
