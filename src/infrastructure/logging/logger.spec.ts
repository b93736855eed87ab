import { Writable } from 'node:stream';
import express from 'express';
import pino from 'pino';
import request from 'supertest';
import { createHttpLogger } from './logger';

describe('the request log', () => {
  it('holds the method and the path of a request, never its query, its session or the token of a mailed link', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const app = express();
    app.use(createHttpLogger(pino({ level: 'info' }, sink)));
    app.get('/api/v1/enrolments/:id', (_req, res) => res.json({ ok: true }));
    await request(app)
      .get('/api/v1/enrolments/4b1f0c57-0c2e-4d1e-9d7a-0c8f3c1f2a11?name=Ana%20Torres')
      .set('X-Puente-Link', 'link-token-0123456789abcdef')
      .set('Cookie', 'puente_access=session-secret')
      .set('Authorization', 'Bearer bearer-secret')
      .expect(200);
    const log = lines.join('');
    expect(log).toContain('"path":"/api/v1/enrolments/4b1f0c57-0c2e-4d1e-9d7a-0c8f3c1f2a11"');
    expect(log).not.toMatch(/link-token|session-secret|bearer-secret|Ana/);
  });
});
