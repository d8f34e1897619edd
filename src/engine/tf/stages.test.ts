// Stage timing: outside a profile `stage` only runs its function; inside, nested stages give
// exclusive times (a parent's total excludes its children), errors still close the stage, and
// recordStage adds asynchronous time to the open parent's children.
import { describe, expect, it } from 'vitest';
import { profileStages, recordStage, stage } from './stages';

function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // spin: stage times are wall-clock
  }
}

describe('stage timing', () => {
  it('runs the function and records nothing outside a profile', async () => {
    expect(stage('a', () => 7)).toBe(7);
    const { stages } = await profileStages(() => Promise.resolve(0));
    expect(stages.size).toBe(0);
  });

  it('attributes exclusive wall time to nested stages', async () => {
    const { result, stages } = await profileStages(async () => {
      stage('outer', () => {
        busy(30);
        stage('inner', () => busy(40));
      });
      stage('inner', () => busy(10));
      recordStage('read back', 5);
      return 'done';
    });
    expect(result).toBe('done');
    expect(stages.get('outer')!).toBeGreaterThanOrEqual(30);
    expect(stages.get('outer')!).toBeLessThan(40); // the inner 40 ms are not the outer stage's
    expect(stages.get('inner')!).toBeGreaterThanOrEqual(50);
    expect(stages.get('read back')).toBe(5);
  });

  it('closes a stage whose function throws, and refuses nested profiles', async () => {
    const { stages } = await profileStages(async () => {
      expect(() =>
        stage('outer', () =>
          stage('fails', () => {
            busy(5);
            throw new Error('kernel failed');
          }),
        ),
      ).toThrow('kernel failed');
      stage('after', () => busy(1));
      await expect(profileStages(() => Promise.resolve(1))).rejects.toThrow(
        'a profile is already recording',
      );
    });
    expect(stages.get('fails')!).toBeGreaterThanOrEqual(5);
    expect(stages.get('outer')!).toBeLessThan(stages.get('fails')!);
    expect(stages.has('after')).toBe(true);
  });
});
