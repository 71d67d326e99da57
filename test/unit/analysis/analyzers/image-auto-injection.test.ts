import { describeFixtureCases } from '../fixture-cases';

describe('analyzer image-auto-injection (IST0146, IST0147)', () => {
  describeFixtureCases('IST0146/image-auto-injection', ['IST0146', 'IST0147']);
});
