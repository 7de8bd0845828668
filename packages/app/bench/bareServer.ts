// The ceiling pages are compared against: a bare Fastify route answering a fixed HTML body of
// BYTES bytes (the size of a story page), in a process of its own like the Involve server.
// `node --import tsx bench/bareServer.ts BYTES` with PORT set; GET /ready answers when it listens.
import Fastify from 'fastify';

const bytes = Number(process.argv[2] ?? 1000);
const body = `<!DOCTYPE html>${'x'.repeat(Math.max(0, bytes - 15))}`;
const app = Fastify({ logger: false });
app.get('/', async (_request, reply) => reply.type('text/html; charset=utf-8').send(body));
app.get('/ready', async () => 'ready');
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) });
process.once('SIGTERM', () => app.close().then(() => process.exit(0)));
