import { describeFixtureCases } from '../fixture-cases';

describe('analyzer conflicting-mesh-gateway-hosts (IST0109)', () => {
  describeFixtureCases('IST0109/conflicting-mesh-gateway-hosts', ['IST0109']);
});
