import { appointmentStoreSuite } from './support/appointment-suite';
import { singleNodeTarget } from './support/store-targets';

describe('appointment store on a single Redis node', () => {
  appointmentStoreSuite(() => singleNodeTarget('appointments'));
});
