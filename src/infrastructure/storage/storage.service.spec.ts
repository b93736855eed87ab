import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { Readable } from 'node:stream';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { ConfigService } from '../../config/config.service';
import { loadConfig } from '../../config/configuration';
import { StorageService } from './storage.service';

/** One backend under test: the service as callers get it, and a look at what it left in its store. */
interface Harness {
  storage: StorageService;
  /** Every name in the underlying store (file paths under the folder, or object keys in the bucket). */
  storedNames(): Promise<string[]>;
  /** The name a key is expected to get in that store. */
  locationOf(key: string): string;
  close(): Promise<void>;
}

const BUCKET = 'puente-test';
const PREFIX = 'puente/files';

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

function filesUnder(root: string, folder = root): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(root, join(folder, entry.name)) : [relative(root, join(folder, entry.name))],
  );
}

function localHarness(): Harness {
  const root = mkdtempSync(join(tmpdir(), 'puente-storage-'));
  const storage = new StorageService(new ConfigService(loadConfig({ NODE_ENV: 'test', STORAGE_DIR: root })));
  return {
    storage,
    storedNames: async () => filesUnder(root),
    locationOf: (key) => key,
    close: async () => {
      storage.onModuleDestroy();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Request headers the fake S3 server received, newest last. */
const s3Requests: { method?: string; url?: string; headers: IncomingHttpHeaders }[] = [];

/** s3rver in this process, on a free port, over a temporary folder, behind a server that notes each request. */
async function s3Harness(): Promise<Harness> {
  const directory = mkdtempSync(join(tmpdir(), 'puente-s3rver-'));
  const fake = new S3rver({ directory, silent: true, configureBuckets: [{ name: BUCKET, configs: [] }] });
  await fake.configureBuckets();
  const handle = fake.callback();
  const server: Server = createServer((req, res) => {
    s3Requests.push({ method: req.method, url: req.url, headers: req.headers });
    handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // s3rver checks signatures against its fixed key pair.
  const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
  const storage = new StorageService(
    new ConfigService(
      loadConfig({
        NODE_ENV: 'test',
        STORAGE_DRIVER: 's3',
        S3_BUCKET: BUCKET,
        S3_ENDPOINT: endpoint,
        S3_FORCE_PATH_STYLE: 'true',
        S3_ACCESS_KEY_ID: credentials.accessKeyId,
        S3_SECRET_ACCESS_KEY: credentials.secretAccessKey,
        S3_PREFIX: PREFIX,
      }),
    ),
  );
  const lister = new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true, credentials });
  return {
    storage,
    storedNames: async () => {
      const listed = await lister.send(new ListObjectsV2Command({ Bucket: BUCKET }));
      return (listed.Contents ?? []).map((object) => object.Key!);
    },
    locationOf: (key) => `${PREFIX}/${key}`,
    close: async () => {
      storage.onModuleDestroy();
      lister.destroy();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

describe(StorageService.name, () => {
  describe.each([
    ['a local folder', localHarness],
    ['an S3-compatible bucket', s3Harness],
  ] as const)('on %s', (_name, makeHarness: () => Harness | Promise<Harness>) => {
    let h: Harness;
    /** A fresh key under its own folder, so each test sees only its own names in the shared store. */
    let folder: string;

    beforeAll(async () => {
      h = await makeHarness();
    });
    afterAll(async () => {
      await h.close();
    });
    beforeEach(() => {
      folder = `cases/${randomUUID()}`;
    });

    const namesInFolder = async () => (await h.storedNames()).filter((name) => name.includes(folder)).sort();

    it('reads back exactly the bytes it stored, under the expected name', async () => {
      const key = `${folder}/file-1`;
      const bytes = randomBytes(300 * 1024 + 7);
      await h.storage.put(key, bytes);
      expect((await bytesOf(await h.storage.read(key))).equals(bytes)).toBe(true);
      expect(await namesInFolder()).toEqual([h.locationOf(key)]);
    });

    it('replaces the bytes when a key is stored again', async () => {
      const key = `${folder}/file-1`;
      await h.storage.put(key, Buffer.from('first version, longer than the second'));
      await h.storage.put(key, Buffer.from('second'));
      expect((await bytesOf(await h.storage.read(key))).toString()).toBe('second');
      expect(await namesInFolder()).toEqual([h.locationOf(key)]);
    });

    it('keeps keys apart', async () => {
      await h.storage.put(`${folder}/a`, Buffer.from('aaa'));
      await h.storage.put(`${folder}/b`, Buffer.from('bbb'));
      expect((await bytesOf(await h.storage.read(`${folder}/a`))).toString()).toBe('aaa');
      expect((await bytesOf(await h.storage.read(`${folder}/b`))).toString()).toBe('bbb');
      expect(await namesInFolder()).toEqual([h.locationOf(`${folder}/a`), h.locationOf(`${folder}/b`)]);
    });

    it('rejects reading a key that was never stored', async () => {
      await expect(h.storage.read(`${folder}/missing`)).rejects.toThrow();
    });

    it('removes a file, after which reading it rejects; removing again is harmless', async () => {
      const key = `${folder}/file-1`;
      await h.storage.put(key, Buffer.from('to be removed'));
      await h.storage.remove(key);
      await expect(h.storage.read(key)).rejects.toThrow();
      expect(await namesInFolder()).toEqual([]);
      await expect(h.storage.remove(key)).resolves.toBeUndefined();
    });

    it.each(['../x', 'a//b', 'Cases/x', 'a/../b', '/a', 'a/', '', 'a b', 'a.pdf'])(
      'rejects the key %j everywhere',
      async (key) => {
        await expect(h.storage.put(key, Buffer.from('x'))).rejects.toThrow(/Invalid storage key/);
        await expect(h.storage.read(key)).rejects.toThrow(/Invalid storage key/);
        await expect(h.storage.remove(key)).rejects.toThrow(/Invalid storage key/);
      },
    );
  });

  describe('uploading to an S3-compatible bucket', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await s3Harness();
    });
    afterAll(async () => {
      await h.close();
    });

    it('sends the length and the SHA-256 checksum of the bytes', async () => {
      const key = `cases/${randomUUID()}/file-1`;
      const bytes = randomBytes(4096);
      await h.storage.put(key, bytes);
      const upload = s3Requests.find((request) => request.method === 'PUT' && request.url?.includes(key));
      expect(new URL(upload!.url!, 'http://s3').pathname).toBe(`/${BUCKET}/${PREFIX}/${key}`);
      expect(upload?.headers['content-length']).toBe(String(bytes.length));
      expect(upload?.headers['x-amz-checksum-sha256']).toBe(createHash('sha256').update(bytes).digest('base64'));
    });
  });
});

describe('storage configuration', () => {
  const s3 = { NODE_ENV: 'test', STORAGE_DRIVER: 's3', S3_BUCKET: 'puente-files' };

  it('uses the local folder unless told otherwise', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).storage).toEqual({ driver: 'local' });
  });

  it('reads the S3 settings, with their defaults', () => {
    expect(loadConfig(s3).storage).toEqual({
      driver: 's3',
      s3: {
        bucket: 'puente-files',
        region: 'us-east-1',
        endpoint: undefined,
        forcePathStyle: false,
        credentials: undefined,
        prefix: '',
      },
    });
    expect(
      loadConfig({
        ...s3,
        S3_REGION: 'eu-west-3',
        S3_ENDPOINT: 'https://minio.example.org:9000',
        S3_FORCE_PATH_STYLE: 'true',
        S3_ACCESS_KEY_ID: 'id',
        S3_SECRET_ACCESS_KEY: 'secret',
        S3_PREFIX: '/puente/files/',
      }).storage,
    ).toEqual({
      driver: 's3',
      s3: {
        bucket: 'puente-files',
        region: 'eu-west-3',
        endpoint: 'https://minio.example.org:9000',
        forcePathStyle: true,
        credentials: { accessKeyId: 'id', secretAccessKey: 'secret' },
        prefix: 'puente/files',
      },
    });
  });

  it.each([
    [{ NODE_ENV: 'test', STORAGE_DRIVER: 's3' }, /S3_BUCKET is required when STORAGE_DRIVER=s3/],
    [{ NODE_ENV: 'test', STORAGE_DRIVER: 'ftp' }, /STORAGE_DRIVER must be one of local, s3/],
    [{ ...s3, S3_BUCKET: 'Puente_Files' }, /S3_BUCKET must be a bucket name/],
    [{ ...s3, S3_ENDPOINT: 'minio 9000' }, /S3_ENDPOINT must be a URL/],
    [{ ...s3, S3_ENDPOINT: 'ftp://minio:9000' }, /S3_ENDPOINT must use http: or https:/],
    [{ ...s3, S3_FORCE_PATH_STYLE: 'yes' }, /S3_FORCE_PATH_STYLE must be one of true, false/],
    [{ ...s3, S3_ACCESS_KEY_ID: 'id' }, /S3_SECRET_ACCESS_KEY must be set together/],
    [{ ...s3, S3_SECRET_ACCESS_KEY: 'secret' }, /S3_ACCESS_KEY_ID must be set together/],
    [{ ...s3, S3_PREFIX: 'puente/../files' }, /S3_PREFIX must be path segments/],
    [{ ...s3, S3_PREFIX: 'a//b' }, /S3_PREFIX must be path segments/],
  ])('refuses to start with %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('ignores the S3 settings when storing locally', () => {
    expect(loadConfig({ NODE_ENV: 'test', S3_BUCKET: 'Not A Bucket' }).storage).toEqual({ driver: 'local' });
  });
});
