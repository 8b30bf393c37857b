// Baseline for start-up and request benchmarks: a hello-world Fastify server.
import Fastify from 'fastify';

const app = Fastify();
app.get('/hello', async () => ({ hello: 'world' }));
await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
console.log(`hello ready at ${app.listeningOrigin}`);
process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
