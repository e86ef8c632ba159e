/** CallActivity: quiet means no call in flight, and is told only after the last call's own continuation. */
import { describe, expect, it } from 'vitest';
import { CallActivity } from './callActivity';

const settled = async (p: Promise<void>): Promise<boolean> => {
  let done = false;
  void p.then(() => (done = true));
  await new Promise((r) => setTimeout(r, 10));
  return done;
};

describe('CallActivity', () => {
  it('is quiet at once when nothing runs', async () => {
    expect(await settled(new CallActivity().whenQuiet())).toBe(true);
  });

  it('waits for every call in flight to end', async () => {
    const activity = new CallActivity();
    activity.begin();
    activity.begin();
    const quiet = activity.whenQuiet();
    activity.end();
    expect(await settled(quiet)).toBe(false);
    activity.end();
    expect(await settled(quiet)).toBe(true);
  });

  it('stays busy when a call starts right after the last one ended', async () => {
    const activity = new CallActivity();
    activity.begin();
    const quiet = activity.whenQuiet();
    activity.end();
    activity.begin(); // before the release turn: the page's next request
    expect(await settled(quiet)).toBe(false);
    activity.end();
    expect(await settled(quiet)).toBe(true);
  });

  it('is idle for a while only once no call began during that while', async () => {
    const activity = new CallActivity();
    activity.begin();
    const idle = activity.whenIdleFor(60);
    activity.end();
    await new Promise((r) => setTimeout(r, 30));
    activity.begin(); // a call within the while: the wait starts again after it
    activity.end();
    expect(await settled(idle)).toBe(false);
    await new Promise((r) => setTimeout(r, 50));
    expect(await settled(idle)).toBe(false);
    await idle;
  });
});
