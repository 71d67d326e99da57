import { describeFixtureCases } from '../fixture-cases';

describe('analyzer self-signed-root (MESH303)', () => {
  describeFixtureCases('MESH303/self-signed-root', ['MESH303']);
});
