import { describeFixtureCases } from '../fixture-cases';

describe('analyzer destinationrule-ca-certificates (IST0128, IST0129)', () => {
  describe('IST0128 destination level', () => {
    describeFixtureCases('IST0128/destinationrule-ca-certificates', ['IST0128']);
  });
  describe('IST0129 port level', () => {
    describeFixtureCases('IST0129/destinationrule-ca-certificates', ['IST0129']);
  });
});
