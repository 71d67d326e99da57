import { describeFixtureCases } from '../fixture-cases';

describe('analyzer host-configured-differently (MESH203)', () => {
  describeFixtureCases('MESH203/host-configured-differently', ['MESH203']);
});
