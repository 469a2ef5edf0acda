/**
 * A real Redis Cluster of the test's own, like the other real servers the tests start: `masters`
 * redis-servers with `--cluster-enabled` (plus `replicas` per master) on free loopback ports, each in
 * a temporary folder, joined by `redis-cli --cluster create` (one master alone takes every slot). No persistence; stopped and removed by
 * `stop()`. Needs `redis-server` and `redis-cli` on the PATH (Debian's redis-server package has both).
 *
 *   const cluster = await OwnRedisCluster.start({ masters: 3, replicas: 1 });
 *   cluster.nodesSpec            // "127.0.0.1:p1,127.0.0.1:p2,…" (REDIS_CLUSTER_NODES)
 *   await cluster.slotOf(key)    // CLUSTER KEYSLOT;  await cluster.keysOn(port, pattern)  // SCAN one node
 *   await cluster.masterOf(slot) // port of the master that serves a slot now
 *   await cluster.failover(slot) // CLUSTER FAILOVER on a replica of that master, until the roles switched
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { redisPongs } from './redis-server';

/** True when nothing listens on 127.0.0.1:`port`. */
function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/** A port whose cluster bus port (+10000) is free as well. */
async function freeClusterPort(taken: Set<number>): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 35_000);
    if (taken.has(port) || taken.has(port + 10_000)) continue;
    if ((await portFree(port)) && (await portFree(port + 10_000))) {
      taken.add(port);
      taken.add(port + 10_000);
      return port;
    }
  }
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Node {
  port: number;
  child: ChildProcess;
}

export class OwnRedisCluster {
  private constructor(
    private readonly nodes: Node[],
    private readonly dir: string,
  ) {}

  static async start(options: { masters?: number; replicas?: number } = {}): Promise<OwnRedisCluster> {
    const masters = options.masters ?? 3;
    const replicas = options.replicas ?? 0;
    const dir = await mkdtemp(join(tmpdir(), 'sprechstunde-cluster-'));
    const taken = new Set<number>();
    const nodes: Node[] = [];
    const cluster = new OwnRedisCluster(nodes, dir);
    try {
      for (let i = 0; i < masters * (1 + replicas); i++) {
        const port = await freeClusterPort(taken);
        const child = spawn(
          'redis-server',
          [
            '--port',
            String(port),
            '--bind',
            '127.0.0.1',
            '--cluster-enabled',
            'yes',
            '--cluster-config-file',
            `nodes-${port}.conf`,
            '--cluster-node-timeout',
            '2000',
            // A node that never met another (one master alone) would name itself "" in CLUSTER SLOTS.
            '--cluster-announce-ip',
            '127.0.0.1',
            '--dir',
            dir,
            '--save',
            '',
            '--appendonly',
            'no',
            '--logfile',
            join(dir, `redis-${port}.log`),
          ],
          { stdio: 'ignore' },
        );
        nodes.push({ port, child });
      }
      for (const n of nodes)
        for (let i = 0; !(await redisPongs(n.port, 500)); i++) {
          if (n.child.exitCode !== null) throw new Error(`redis-server on ${n.port} exited (see ${dir})`);
          if (i > 100) throw new Error(`redis-server on ${n.port} did not answer PING`);
          await pause(50);
        }
      if (masters === 1 && replicas === 0) {
        // redis-cli --cluster create wants 3 masters: one node simply takes every slot.
        await cluster.withNode(nodes[0]!.port, (r) => r.call('CLUSTER', 'ADDSLOTSRANGE', '0', '16383'));
        await cluster.waitUntilReady(false);
        return cluster;
      }
      const created = spawnSync(
        'redis-cli',
        [
          '--cluster',
          'create',
          ...nodes.map((n) => `127.0.0.1:${n.port}`),
          '--cluster-replicas',
          String(replicas),
          '--cluster-yes',
        ],
        { encoding: 'utf8', timeout: 60_000 },
      );
      if (created.status !== 0)
        throw new Error(`redis-cli --cluster create failed: ${created.stdout}${created.stderr}`);
      await cluster.waitUntilReady(replicas > 0);
      return cluster;
    } catch (e) {
      await cluster.stop();
      throw e;
    }
  }

  /** The redis-server process of the node at `port` (for CPU accounting). */
  pidOf(port: number): number | undefined {
    return this.nodes.find((n) => n.port === port)?.child.pid;
  }

  /** REDIS_CLUSTER_NODES of this cluster. */
  get nodesSpec(): string {
    return this.nodes.map((n) => `127.0.0.1:${n.port}`).join(',');
  }

  get seeds(): { host: string; port: number }[] {
    return this.nodes.map((n) => ({ host: '127.0.0.1', port: n.port }));
  }

  private async withNode<T>(port: number, fn: (r: Redis) => Promise<T>): Promise<T> {
    const r = new Redis({ host: '127.0.0.1', port, lazyConnect: true, maxRetriesPerRequest: 1 });
    try {
      await r.connect();
      return await fn(r);
    } finally {
      r.disconnect();
    }
  }

  /** CLUSTER SHARDS as seen by one node: per shard its slot ranges, master port and replica ports. */
  async shards(): Promise<{ slots: [number, number][]; master: number; replicas: number[] }[]> {
    const raw = (await this.withNode(this.nodes[0]!.port, (r) => r.call('CLUSTER', 'SHARDS'))) as unknown[][];
    return raw.map((shard) => {
      const fields = new Map<string, unknown>();
      for (let i = 0; i + 1 < shard.length; i += 2) fields.set(String(shard[i]), shard[i + 1]);
      const flat = (fields.get('slots') as number[]).map(Number);
      const slots: [number, number][] = [];
      for (let i = 0; i + 1 < flat.length; i += 2) slots.push([flat[i]!, flat[i + 1]!]);
      const nodes = (fields.get('nodes') as unknown[][]).map((node) => {
        const f = new Map<string, unknown>();
        for (let i = 0; i + 1 < node.length; i += 2) f.set(String(node[i]), node[i + 1]);
        return { port: Number(f.get('port')), role: String(f.get('role')), health: String(f.get('health')) };
      });
      return {
        slots,
        master: nodes.find((n) => n.role === 'master')!.port,
        replicas: nodes.filter((n) => n.role === 'replica' && n.health === 'online').map((n) => n.port),
      };
    });
  }

  /** The hash slot of a key (CLUSTER KEYSLOT). */
  async slotOf(key: string): Promise<number> {
    return Number(await this.withNode(this.nodes[0]!.port, (r) => r.call('CLUSTER', 'KEYSLOT', key)));
  }

  /** Keys matching `pattern` stored on the node at `port` (SCAN). */
  async keysOn(port: number, pattern: string): Promise<string[]> {
    return this.withNode(port, async (r) => {
      const out: string[] = [];
      let cursor = '0';
      do {
        const [next, found] = await r.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
        cursor = next;
        out.push(...found);
      } while (cursor !== '0');
      return out;
    });
  }

  /** Port of the master serving `slot` now. */
  async masterOf(slot: number): Promise<number> {
    const shard = (await this.shards()).find((s) => s.slots.some(([a, b]) => a <= slot && slot <= b));
    if (!shard) throw new Error(`no shard serves slot ${slot}`);
    return shard.master;
  }

  /**
   * A planned failover of the master serving `slot`: CLUSTER FAILOVER on one of its replicas (the
   * replica first catches up with the master's replication offset, so nothing acknowledged is lost),
   * then waits until every node sees the new master and the cluster is ok. Returns the new master's port.
   */
  async failover(slot: number): Promise<number> {
    const shard = (await this.shards()).find((s) => s.slots.some(([a, b]) => a <= slot && slot <= b));
    const replica = shard?.replicas[0];
    if (!shard || replica === undefined) throw new Error(`the master of slot ${slot} has no replica`);
    await this.withNode(replica, (r) => r.call('CLUSTER', 'FAILOVER'));
    for (let i = 0; ; i++) {
      const views = await Promise.all(
        this.nodes.map((n) => this.withNode(n.port, (r) => r.call('CLUSTER', 'NODES') as Promise<string>)),
      );
      // CLUSTER NODES: `<id> <ip:port@busport> <flags,…> …`; every node must list the replica as master.
      const agreed = views.every((v) =>
        v.split('\n').some((line) => {
          const [, address, flags] = line.split(' ');
          return address?.startsWith(`127.0.0.1:${replica}@`) && flags?.split(',').includes('master');
        }),
      );
      if (agreed && (await this.ok())) return replica;
      if (i > 200) throw new Error(`failover to ${replica} did not complete`);
      await pause(50);
    }
  }

  private async ok(): Promise<boolean> {
    const infos = await Promise.all(
      this.nodes.map((n) => this.withNode(n.port, (r) => r.call('CLUSTER', 'INFO') as Promise<string>)),
    );
    return infos.every((i) => i.includes('cluster_state:ok'));
  }

  private async waitUntilReady(withReplicas: boolean): Promise<void> {
    for (let i = 0; ; i++) {
      let ready = await this.ok();
      if (ready && withReplicas) {
        const shards = await this.shards();
        ready = shards.every((s) => s.replicas.length > 0);
        if (ready)
          for (const s of shards)
            for (const port of s.replicas) {
              const info = await this.withNode(port, (r) => r.info('replication'));
              if (!info.includes('master_link_status:up')) ready = false;
            }
      }
      if (ready) return;
      if (i > 300) throw new Error('the cluster did not become ready');
      await pause(100);
    }
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.nodes.map(
        (n) =>
          new Promise<void>((resolve) => {
            if (n.child.exitCode !== null || n.child.signalCode !== null) return resolve();
            n.child.once('exit', () => resolve());
            n.child.kill('SIGKILL');
          }),
      ),
    );
    await rm(this.dir, { recursive: true, force: true });
  }
}
