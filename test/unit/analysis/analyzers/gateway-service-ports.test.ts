import { describeFixtureCases } from '../fixture-cases';

describe('analyzer gateway-service-ports (IST0162)', () => {
  describeFixtureCases('IST0162/gateway-service-ports', ['IST0162']);
});
