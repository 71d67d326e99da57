import { describeFixtureCases } from '../fixture-cases';

describe('analyzer external-control-plane-webhooks', () => {
  describe('IST0163: webhook URL blank or invalid', () => {
    describeFixtureCases('IST0163/external-control-plane-webhooks', ['IST0163', 'IST0164']);
  });
  describe('IST0164: webhook URL with an IP address', () => {
    describeFixtureCases('IST0164/external-control-plane-webhooks', ['IST0163', 'IST0164']);
  });
});
