import { describeFixtureCases } from '../fixture-cases';

describe('analyzer remote-cluster-config (MESH107)', () => {
  describeFixtureCases('MESH107/remote-cluster-config', ['MESH107']);
});
