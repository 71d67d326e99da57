import { describeFixtureCases } from '../fixture-cases';

describe('analyzer jwks-uri-fetch-unrestricted (IST0175)', () => {
  describeFixtureCases('IST0175/jwks-uri-fetch-unrestricted', ['IST0175']);
});
