/** Fails early and clearly when the demo's port is taken, instead of a code-server stack trace. */
import * as net from 'node:net';

export async function assertPortFree(port: number, host = '127.0.0.1'): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const server = net.createServer();
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new Error(
          error.code === 'EADDRINUSE'
            ? `port ${port} on ${host} is taken (another demo, or another program); stop it, or pick another port: npm run demo -- --port ${port + 1}`
            : `cannot listen on ${host}:${port} (${error.message})`,
        ),
      ),
    );
    server.listen(port, host, () => server.close(() => resolve()));
  });
}
