import { waitUntil } from './wait-until';

describe(waitUntil.name, () => {
  it('resolves with the first value the check accepts', async () => {
    let calls = 0;
    const value = await waitUntil(() => ++calls, {
      until: (n) => n === 3,
      timeoutMs: 1_000,
      intervalMs: 1,
      description: 'the third call',
    });
    expect([value, calls]).toEqual([3, 3]);
  });

  it('accepts any truthy value when told no condition', async () => {
    const values = [undefined, null, '', 'ready'];
    expect(await waitUntil(() => values.shift(), { timeoutMs: 1_000, intervalMs: 1, description: 'a value' })).toBe(
      'ready',
    );
  });

  it('throws once the time is up, naming what it waited for and the last value seen', async () => {
    await expect(
      waitUntil(() => ({ status: 'running' }), {
        until: (job) => job.status === 'completed',
        timeoutMs: 20,
        intervalMs: 5,
        description: 'the job to complete',
      }),
    ).rejects.toThrow('Timed out after 20 ms waiting for the job to complete; last value seen: {"status":"running"}');
  });

  it('stops at once when the check throws', async () => {
    let calls = 0;
    await expect(
      waitUntil(
        () => {
          calls += 1;
          throw new Error('the process exited');
        },
        { timeoutMs: 1_000, intervalMs: 1, description: 'a log line' },
      ),
    ).rejects.toThrow('the process exited');
    expect(calls).toBe(1);
  });
});
