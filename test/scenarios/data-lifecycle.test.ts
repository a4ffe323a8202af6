import { describe, expect, test } from 'vitest';
import { summarize } from '../../simulator/metrics/statistics.js';
import { runSeeds, SEEDS, values } from './helpers.js';

/**
 * The claims over ten seeds, in small towns (30 households) and short horizons: the
 * lifecycle's logic is the same at any size. Each claim is an interval, printed on failure.
 */
const small = { homes: 30 } as const;

describe('deletion-request over ten seeds', () => {
  test('alexa-2019 leaves transcripts and location behind; alexa-order-2023 leaves nothing, in any store or serving model', async () => {
    const before = await runSeeds('deletion-request', { ...small, duration: '120d', defenses: 'alexa-2019' });
    const after = await runSeeds('deletion-request', { ...small, duration: '120d', defenses: 'alexa-order-2023' });
    const share = summarize(values(before, 'data.residualShare'))!;
    console.log(`alexa-2019 data.residualShare ${share.mean.toFixed(3)} ± ${share.ci95.toFixed(3)} over ${SEEDS.length} seeds`);
    // Far above 0: the lower end of the 95 % interval above a quarter of each subject's items.
    expect(share.mean - share.ci95).toBeGreaterThan(0.25);
    expect(values(before, 'data.residual.transcript').every((n) => n > 0)).toBe(true);
    expect(values(before, 'data.residual.location').reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    for (const metric of ['data.residualItems', 'data.residualShare', 'data.residualModelDependencies', 'data.requestsIncomplete']) {
      expect(values(after, metric), metric).toEqual(SEEDS.map(() => 0));
    }
    // Stated time: GDPR Art. 12(3)'s month, the verified-deletion default.
    expect(values(after, 'data.deletionCompleteSeconds').every((s) => s === 30 * 86_400)).toBe(true);
  }, 120_000);
});

describe('algorithmic-disgorgement over ten seeds', () => {
  test('disgorgement withdraws every model trained on tainted data and reports the training data it cost', async () => {
    const without = await runSeeds('algorithmic-disgorgement', { ...small, duration: '90d', defenses: 'alexa-2019' });
    const withIt = await runSeeds('algorithmic-disgorgement', { ...small, duration: '90d', defenses: 'alexa-2019,disgorgement' });
    expect(values(without, 'models.taintedServing').every((n) => n > 0)).toBe(true);
    expect(values(without, 'models.trainingItemsLost')).toEqual(SEEDS.map(() => 0));
    expect(values(withIt, 'models.taintedServing')).toEqual(SEEDS.map(() => 0));
    expect(values(withIt, 'models.taintedVersions').every((n, i) => n >= 0 && values(withIt, 'models.withdrawn')[i]! > 0)).toBe(true);
    expect(values(withIt, 'models.trainingItemsLost').every((n) => n > 0)).toBe(true);
    expect(values(withIt, 'models.retrainedItems').every((n) => n > 0)).toBe(true);
  }, 120_000);
});

describe('child-profiles over ten seeds', () => {
  test('without the purge quiet children are held past 18 months and 90 days; with alexa-order-2023 none is, and kept ones stay', async () => {
    const set = ['household.goesQuietShare=0.9', 'household.childProfileShare=0.8'];
    const before = await runSeeds('child-profiles', { ...small, duration: '730d', defenses: 'alexa-2019', set });
    const after = await runSeeds('child-profiles', { ...small, duration: '730d', defenses: 'alexa-order-2023', set });
    expect(values(before, 'children.inactiveProfilesHeld').reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(values(after, 'children.inactiveProfilesHeld')).toEqual(SEEDS.map(() => 0));
    expect(values(after, 'children.purged').reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(values(after, 'children.keptByParent')).toEqual(values(before, 'children.keptByParent'));
  }, 180_000);
});
