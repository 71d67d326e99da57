import { describeFixtureCases } from '../fixture-cases';

describe('analyzer principal-trust-domain (MESH304)', () => {
  describeFixtureCases('MESH304/principal-trust-domain', ['MESH304']);
});
