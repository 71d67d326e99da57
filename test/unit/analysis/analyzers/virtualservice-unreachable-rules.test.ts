import { describeFixtureCases } from '../fixture-cases';

describe('analyzer virtualservice-unreachable-rules (IST0130, IST0131)', () => {
  describeFixtureCases('IST0130/virtualservice-unreachable-rules', ['IST0130', 'IST0131']);
});
