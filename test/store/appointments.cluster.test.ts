import { appointmentStoreSuite } from './support/appointment-suite';
import { clusterTarget } from './support/store-targets';

/** Runs only when REDIS_CLUSTER_NODES is set, e.g. after `scripts/redis-cluster.sh start`. */
const nodes = process.env.REDIS_CLUSTER_NODES;
(nodes ? describe : describe.skip)('appointment store on a Redis Cluster', () => {
  appointmentStoreSuite(() => clusterTarget('appointments-cluster', nodes!));
});
