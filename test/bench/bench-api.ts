/** The service's HTTP API as a benchmark drives it: JSON and file uploads over Node's fetch, with a bearer token once signed in. */
export class BenchApi {
  constructor(
    private readonly baseUrl: string,
    private token?: string,
  ) {}

  /** Logs in as `email` and sends its access token from then on; returns the token. */
  async signInAs(email: string, password: string): Promise<string> {
    const { accessToken } = await this.json<{ accessToken: string }>('POST', '/auth/login', { email, password });
    this.token = accessToken;
    return accessToken;
  }

  async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...this.authorization(),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return this.read<T>(method, path, response);
  }

  /** POSTs `file` as the multipart field `file`, the way a browser uploads it. */
  async upload<T>(path: string, file: Buffer, filename: string, type = 'text/csv'): Promise<T> {
    const form = new FormData();
    form.append('file', new Blob([file], { type }), filename);
    const response = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: { accept: 'application/json', ...this.authorization() },
      body: form,
    });
    return this.read<T>('POST', path, response);
  }

  private authorization(): Record<string, string> {
    return this.token ? { authorization: `Bearer ${this.token}` } : {};
  }

  private async read<T>(method: string, path: string, response: Response): Promise<T> {
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 1000)}`);
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }
}
