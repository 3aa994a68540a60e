// The baseline of the upload figures: a plain HTTP server that streams a PUT body to a file in the
// given folder and fsyncs it, nothing else (no hashing, no catalog). Run in its own process.
import { createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';

const dir = process.argv[2];
if (!dir) throw new Error('usage: rawSinkServer DIR');
let n = 0;
const server = createServer((req, res) => {
  const path = join(dir, `upload-${n++}`);
  pipeline(req, createWriteStream(path))
    .then(async () => {
      const fh = await open(path, 'r+');
      await fh.sync();
      await fh.close();
      res.writeHead(200).end();
    })
    .catch((error: unknown) => res.writeHead(500).end(String(error)));
});
// Idle connections stay open across the bench's pauses (writing thousands of files takes longer
// than Node's 5 s default): the client's pooled socket must not be closed under its next PUT.
server.keepAliveTimeout = 600_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`listening ${(server.address() as AddressInfo).port}\n`));
