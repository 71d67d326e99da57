import { describeFixtureCases } from '../fixture-cases';

describe('analyzer schema-cel-rules (IST0106)', () => {
  describeFixtureCases('IST0106/schema-cel-rules', ['IST0106']);
});
