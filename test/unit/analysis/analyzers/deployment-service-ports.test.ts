import { describeFixtureCases } from '../fixture-cases';

describe('analyzer deployment-service-ports (IST0116, IST0137)', () => {
  describe('IST0116 one port, different protocols', () => {
    describeFixtureCases('IST0116/deployment-service-ports', ['IST0116']);
  });
  describe('IST0137 one targetPort, different ports', () => {
    describeFixtureCases('IST0137/deployment-service-ports', ['IST0137']);
  });
});
