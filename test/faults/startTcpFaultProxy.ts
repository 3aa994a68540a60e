import { createServer, connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { SeededRandom } from './seededRandom';

export type ProxyFaultKind = 'drop' | 'stall' | 'reset';
type Direction = 'up' | 'down';

export interface TcpFaultProxyOptions {
  upstreamPort: number;
  random: SeededRandom;
  /** Chance that a new connection is given a fault. */
  rate: number;
  /** No more faults than this over the proxy's life. */
  cap: number;
  /** Faults on the way up land within this many bytes of the start (about a part); two in three land in the first 4 KiB. */
  maxOffset: number;
  /** A stall holds both directions this long (some past the uploader's stall timeout). */
  stallMs: readonly [number, number];
}

export interface TcpFaultProxy {
  url: string;
  /** Faults that really fired (a fault planned past the end of a short connection never does). */
  injected: Record<ProxyFaultKind, number>;
  connections(): number;
  setEnabled(enabled: boolean): void;
  close(): Promise<void>;
}

interface Plan {
  kind: ProxyFaultKind;
  direction: Direction;
  offset: number;
  stallMs: number;
}

/**
 * A flaky network between the agent and the engine, at the TCP level: a connection picked at
 * random (seeded) is, at a random byte offset of its request or response stream, closed (drop),
 * held still for a while (stall) or reset (RST). It knows nothing of HTTP, like a real network.
 */
export async function startTcpFaultProxy(options: TcpFaultProxyOptions): Promise<TcpFaultProxy> {
  const injected: Record<ProxyFaultKind, number> = { drop: 0, stall: 0, reset: 0 };
  const sockets = new Set<Socket>();
  let enabled = true;
  let connections = 0;
  const { random } = options;
  const total = (): number => injected.drop + injected.stall + injected.reset;

  const plan = (): Plan | undefined => {
    if (!enabled || total() >= options.cap || random.next() >= options.rate) return undefined;
    const direction: Direction = random.next() < 0.75 ? 'up' : 'down';
    // Requests and answers of the API are a few hundred bytes: most offsets must be that small to land.
    const reach = direction === 'down' ? 512 : random.pick([512, 4096, options.maxOffset]);
    const offset = random.int(0, reach);
    return { kind: random.pick(['drop', 'stall', 'reset'] as const), direction, offset, stallMs: random.int(options.stallMs[0], options.stallMs[1]) };
  };

  const server = createServer((client) => {
    connections++;
    const upstream = connect(options.upstreamPort, '127.0.0.1');
    sockets.add(client);
    sockets.add(upstream);
    const fault = plan();
    let stalled = false;
    const destroyBoth = (): void => {
      client.destroy();
      upstream.destroy();
    };
    const fire = (f: Plan, resumeWith: () => void): void => {
      injected[f.kind]++;
      if (f.kind === 'reset') {
        client.resetAndDestroy();
        upstream.destroy();
      } else if (f.kind === 'drop') {
        client.end();
        upstream.end();
        // A peer that ignores the FIN must still not keep the sockets forever.
        setTimeout(destroyBoth, 2000).unref();
      } else {
        stalled = true;
        client.pause();
        upstream.pause();
        setTimeout(() => {
          stalled = false;
          resumeWith();
          client.resume();
          upstream.resume();
        }, f.stallMs).unref();
      }
    };
    const forward = (from: Socket, to: Socket, direction: Direction): void => {
      let count = 0;
      from.on('data', (chunk: Buffer) => {
        // The cap is checked again when the fault fires: faults planned on other connections may have used it up.
        if (fault && fault.direction === direction && count <= fault.offset && count + chunk.length > fault.offset && total() < options.cap) {
          const head = chunk.subarray(0, fault.offset - count);
          const tail = chunk.subarray(fault.offset - count);
          count += chunk.length;
          if (head.length > 0) to.write(head);
          fire(fault, () => {
            if (!to.destroyed) to.write(tail);
          });
          return;
        }
        count += chunk.length;
        if (!to.write(chunk)) {
          from.pause();
          to.once('drain', () => {
            if (!stalled) from.resume();
          });
        }
      });
      from.on('end', () => to.end());
      from.on('error', destroyBoth);
      from.on('close', () => {
        sockets.delete(from);
        // Give the other side a moment to flush what it got, then make sure it is gone.
        setTimeout(() => to.destroy(), 1000).unref();
      });
    };
    forward(client, upstream, 'up');
    forward(upstream, client, 'down');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    injected,
    connections: () => connections,
    setEnabled: (on) => {
      enabled = on;
    },
    close: () => new Promise((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}
