import { describeFixtureCases } from '../fixture-cases';

describe('analyzer remote-secret-coverage (MESH307)', () => {
  describeFixtureCases('MESH307/remote-secret-coverage', ['MESH307']);
});
