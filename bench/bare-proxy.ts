// The floor every gateway is compared with: node:http in, undici out, nothing else. Forwards
// POST /v1/chat/completions to UPSTREAM (the simulator's OpenAI base), streaming the body back.
import http from 'node:http';
import { Agent, request } from 'undici';
import { exitWithParent } from '../runtime/child-process.ts';

const upstream = process.env.UPSTREAM ?? 'http://127.0.0.1:8089/openai/v1';
const port = Number(process.env.PORT ?? 8090);
const agent = new Agent({ keepAliveTimeout: 60_000, connections: 256 });

const server = http.createServer(async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    const upstreamResponse = await request(`${upstream}/chat/completions`, {
      method: 'POST',
      dispatcher: agent,
      headers: { 'content-type': 'application/json', authorization: 'Bearer bench' },
      body: Buffer.concat(chunks),
    });
    res.writeHead(upstreamResponse.statusCode, { 'content-type': String(upstreamResponse.headers['content-type'] ?? 'application/json') });
    for await (const chunk of upstreamResponse.body) res.write(chunk);
    res.end();
  } catch (error) {
    res.writeHead(502).end(String(error));
  }
});
server.keepAliveTimeout = 65_000;
server.listen(port, '127.0.0.1', () => console.log(`bare proxy on ${port}`));
process.once('SIGTERM', () => server.close(() => process.exit(0)));
exitWithParent(() => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});
