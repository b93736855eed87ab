/** The service's HTTP API as a benchmark drives it: JSON over Node's fetch, with a bearer token once signed in. */
export class BenchApi {
  constructor(
    private readonly baseUrl: string,
    private token?: string,
  ) {}

  signIn(token: string): void {
    this.token = token;
  }

  async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 1000)}`);
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }
}
