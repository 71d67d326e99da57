import { describeFixtureCases } from '../fixture-cases';

describe('analyzer gateway-api-backend-refs (MESH402)', () => {
  describeFixtureCases('MESH402/gateway-api-backend-refs', ['MESH402']);
});
