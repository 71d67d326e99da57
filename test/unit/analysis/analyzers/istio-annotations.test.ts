import { describeFixtureCases } from '../fixture-cases';

describe('analyzer istio-annotations (IST0107, IST0108, IST0125, IST0135)', () => {
  describe('IST0108 unknown annotation', () => {
    describeFixtureCases('IST0108/istio-annotations', ['IST0108']);
  });
  describe('IST0135 deprecated annotation', () => {
    describeFixtureCases('IST0135/istio-annotations', ['IST0135']);
  });
  describe('IST0107 misplaced annotation', () => {
    describeFixtureCases('IST0107/istio-annotations', ['IST0107']);
  });
  describe('IST0125 invalid annotation value', () => {
    describeFixtureCases('IST0125/istio-annotations', ['IST0125']);
  });
});
