import { describeFixtureCases } from '../fixture-cases';

describe('analyzer peer-authentication-modes (MESH204)', () => {
  describeFixtureCases('MESH204/peer-authentication-modes', ['MESH204']);
});
