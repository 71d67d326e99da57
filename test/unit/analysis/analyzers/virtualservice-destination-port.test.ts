import { describeFixtureCases } from '../fixture-cases';

describe('analyzer virtualservice-destination-port (IST0112)', () => {
  describeFixtureCases('IST0112/virtualservice-destination-port', ['IST0112']);
});
