import { describeFixtureCases } from '../fixture-cases';

describe('analyzer export-to-differs (MESH206)', () => {
  describeFixtureCases('MESH206/export-to-differs', ['MESH206']);
});
