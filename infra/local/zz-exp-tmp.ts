import { createServer } from 'node:http';
const v = process.env.V;
const text = () => JSON.stringify({ ok: true, id: '42' });
function write(res: any) { const t = text(); res.setHeader('content-type', 'application/json'); res.setHeader('content-length', Buffer.byteLength(t)); res.end(t); }
createServer((req, res) => {
  if (v === 'sync') return write(res);
  if (v === 'micro') { Promise.resolve().then(() => write(res)); return; }
  if (v === 'async') { (async () => { await null; await null; write(res); })(); return; }
}).listen(17100, '127.0.0.1');
