import { describeFixtureCases } from '../fixture-cases';

describe('analyzer locality-lb-settings (MESH102)', () => {
  describeFixtureCases('MESH102/locality-lb-settings', ['MESH102']);
});
