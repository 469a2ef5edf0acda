import { OwnRedisCluster } from '../support/redis-cluster';
import { appointmentStoreSuite } from './support/appointment-suite';
import { clusterTarget } from './support/store-targets';

/** The store suite on a real 3-master Redis Cluster the test starts itself (no replicas, no persistence). */
describe('appointment store on a Redis Cluster (3 masters)', () => {
  let cluster: OwnRedisCluster;
  // Hooks run in the order they are declared: the cluster starts before the suite's and stops after them.
  beforeAll(async () => {
    cluster = await OwnRedisCluster.start({ masters: 3 });
  }, 60_000);
  appointmentStoreSuite(() => clusterTarget('appointments-cluster', cluster.nodesSpec));
  afterAll(async () => {
    await cluster?.stop();
  });
});
