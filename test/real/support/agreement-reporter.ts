/**
 * mocha's spec reporter, then the combined istioctl agreement line (when a differential suite ran) after
 * the passing/failing summary: `npm run test:real`'s last line is the figure a reader looks for.
 */
import Mocha from 'mocha';
import { agreementLine } from './agreement-line';

class AgreementReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    // Registered after the spec reporter's own end handler, so it prints after the summary.
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const line = agreementLine();
      if (line) console.log(line);
    });
  }
}

export = AgreementReporter;
